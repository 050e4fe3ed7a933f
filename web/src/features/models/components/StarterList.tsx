import { Badge, Button, Card, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { useModelCommands } from "../hooks/useModelCommands";
import { useStarters } from "../hooks/useModels";
import { baseLabel, typeLabel } from "../lib/labels";

/** Well-known models to start with (and the bundled demo model), installed with their dependencies. */
export function StarterList() {
  const starters = useStarters().data ?? [];
  const { installStarters } = useModelCommands();
  return (
    <ScrollArea.Autosize mah={480} type="auto">
      <Stack gap="xs">
        {starters.map((starter) => (
          <Card key={starter.id} withBorder padding="xs" data-testid="starter">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ flex: 1 }}>
                <Group gap={4}>
                  <Text size="sm" fw={600}>
                    {starter.name}
                  </Text>
                  <Badge size="xs" variant="outline">
                    {baseLabel(starter.base)}
                  </Badge>
                  <Badge size="xs" variant="light" color="gray">
                    {typeLabel(starter.type)}
                  </Badge>
                  {starter.gated && (
                    <Badge size="xs" color="yellow" variant="light">
                      needs a token
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {starter.description} · {starter.size_gb < 0.1 ? "a few MB" : `${starter.size_gb} GB`}
                </Text>
              </Stack>
              {starter.installed ? (
                <Badge color="green" variant="light">
                  installed
                </Badge>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  loading={installStarters.isPending && installStarters.variables?.includes(starter.id)}
                  onClick={() => installStarters.mutate([starter.id])}
                >
                  Install
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
