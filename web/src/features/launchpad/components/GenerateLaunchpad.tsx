import { Anchor, Button, Card, Group, Kbd, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBook, IconDownload, IconPhoto, IconSparkles } from "@tabler/icons-react";
import { useUiStore } from "@/app/uiStore";
import { DOCS_URL } from "@/common/lib/urls";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { useGenerateStore } from "@/features/generate/store/generateStore";

export const SAMPLE_PROMPTS = [
  "a red circle on a blue background",
  "a yellow square on a green background",
  "a white triangle and a purple circle",
];

function Step({ icon, title, children }: { icon: React.ReactNode; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="sm" w="100%">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg">
          {icon}
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1 }}>
          <Text fw={600}>{title}</Text>
          {children}
        </Stack>
      </Group>
    </Card>
  );
}

/** What the viewer shows before any image is chosen: how to get going, with one click per step. */
export function GenerateLaunchpad() {
  const { ofType, isLoading } = useInstalledModels();
  const setTab = useUiStore((state) => state.setTab);
  const update = useGenerateStore((state) => state.update);
  const hasModel = ofType("main").length > 0;
  return (
    <Stack align="center" justify="center" style={{ flex: 1, overflow: "auto" }} p="xl" data-testid="launchpad">
      <Title order={3}>Make something</Title>
      <Text c="dimmed" ta="center" maw={520}>
        Write a prompt on the left and press Invoke (<Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>). Images appear here and in the
        gallery on the right.
      </Text>
      <Stack gap="sm" maw={560} w="100%" mt="md">
        <Step icon={<IconDownload size={18} />} title={hasModel ? "Models are ready" : "Install a model"}>
          <Text size="sm" c="dimmed">
            {isLoading
              ? "Looking for installed models…"
              : hasModel
                ? "Pick one in the Model section, or add more from the starter list."
                : "Install a starter model, or scan a folder of models you already have."}
          </Text>
          <Group>
            <Button size="xs" variant="light" onClick={() => setTab("models")}>
              Open Models
            </Button>
          </Group>
        </Step>
        <Step icon={<IconSparkles size={18} />} title="Try a sample prompt">
          <Text size="sm" c="dimmed">
            The bundled demo model draws flat shapes in a second, even without a GPU.
          </Text>
          <Group gap={4}>
            {SAMPLE_PROMPTS.map((prompt) => (
              <Button
                key={prompt}
                size="compact-xs"
                variant="default"
                onClick={() => update({ prompt })}
                data-testid="sample-prompt"
              >
                {prompt}
              </Button>
            ))}
          </Group>
        </Step>
        <Step icon={<IconBook size={18} />} title="Learn more">
          <Text size="sm" c="dimmed">
            Drop an image from another tool onto the page to recall its settings. Every feature is also an HTTP API.
          </Text>
          <Anchor href={DOCS_URL} target="_blank" size="sm">
            Open the API documentation
          </Anchor>
        </Step>
      </Stack>
      <Group gap={6} mt="md" c="dimmed">
        <IconPhoto size={14} />
        <Text size="xs">Select an image in the gallery to view it; arrow keys step through them.</Text>
      </Group>
    </Stack>
  );
}
