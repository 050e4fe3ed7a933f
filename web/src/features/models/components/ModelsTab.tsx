import { Box, Button, Group, ScrollArea, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useInstalledModels } from "../hooks/useModels";
import { InstallJobs } from "./InstallJobs";
import { ModelDetail } from "./ModelDetail";
import { ModelList } from "./ModelList";
import { ScanFolder } from "./ScanFolder";
import { SourceInstall } from "./SourceInstall";
import { StarterList } from "./StarterList";

function InstallPanel() {
  return (
    <ScrollArea h="100%" type="auto">
      <Stack p="md" gap="md" data-testid="install-panel">
        <Title order={4}>Add models</Title>
        <Tabs defaultValue="starters" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="starters">Starter models</Tabs.Tab>
            <Tabs.Tab value="source" data-testid="install-tab-source">
              From a path, URL or Hugging Face
            </Tabs.Tab>
            <Tabs.Tab value="scan" data-testid="install-tab-scan">
              Scan a folder
            </Tabs.Tab>
          </Tabs.List>
          <Box pt="sm">
            <Tabs.Panel value="starters">
              <StarterList />
            </Tabs.Panel>
            <Tabs.Panel value="source">
              <SourceInstall />
            </Tabs.Panel>
            <Tabs.Panel value="scan">
              <ScanFolder />
            </Tabs.Panel>
          </Box>
        </Tabs>
        <InstallJobs />
      </Stack>
    </ScrollArea>
  );
}

/** Installed models on the left; on the right the chosen model's details, or the ways to add models. */
export function ModelsTab() {
  const { byKey } = useInstalledModels();
  const [selected, setSelected] = useState<string | null>(null);
  const model = selected ? byKey.get(selected) : undefined;
  return (
    <Box
      style={{
        display: "grid",
        gridTemplateColumns: "minmax(320px, 420px) minmax(0, 1fr)",
        height: "100%",
        minHeight: 0,
      }}
      data-testid="models-tab"
    >
      <Stack gap={0} style={{ borderRight: "1px solid var(--mantine-color-dark-4)", minHeight: 0 }}>
        <Group justify="space-between" p="sm" pb={0}>
          <Text fw={600}>Installed</Text>
          <Button
            size="xs"
            variant={model ? "light" : "filled"}
            leftSection={<IconPlus size={14} />}
            onClick={() => setSelected(null)}
            data-testid="add-models"
          >
            Add models
          </Button>
        </Group>
        <Box style={{ flex: 1, minHeight: 0 }}>
          <ModelList selected={selected} onSelect={setSelected} />
        </Box>
      </Stack>
      <Box style={{ minHeight: 0 }}>
        {model ? <ModelDetail model={model} onRemoved={() => setSelected(null)} /> : <InstallPanel />}
      </Box>
    </Box>
  );
}
