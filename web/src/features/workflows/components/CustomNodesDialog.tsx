/**
 * The custom node packs: what is installed, the nodes each registered and why a pack failed to load; install
 * one (git URL or zip), remove one, reload them all without restarting the server.
 */
import { Alert, Badge, Button, Code, Divider, Group, Loader, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconRefresh, IconTrash } from "@tabler/icons-react";
import { usePackStatus, useNodePackCommands, type PackInfo } from "../hooks/useNodePacks";
import { PackInstallForm } from "./PackInstallForm";

function PackRow({ pack }: { pack: PackInfo }) {
  const { uninstall } = useNodePackCommands();
  return (
    <Paper withBorder p="xs" data-testid="pack-item" data-name={pack.name}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {pack.name}
          </Text>
          <Badge size="xs" color={pack.loaded ? "green" : "red"} variant="light">
            {pack.loaded ? "loaded" : "not loaded"}
          </Badge>
          <Badge size="xs" color="gray" variant="light">
            {pack.source === "entry_point" ? "Python package" : "folder"}
          </Badge>
        </Group>
        {pack.source === "folder" && (
          <Button
            size="compact-xs"
            color="red"
            variant="subtle"
            leftSection={<IconTrash size={12} />}
            loading={uninstall.isPending && uninstall.variables === pack.name}
            onClick={() =>
              window.confirm(`Remove the node pack “${pack.name}” and its files?`) && uninstall.mutate(pack.name)
            }
            data-testid="pack-remove"
          >
            Remove
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" truncate>
        {pack.location}
      </Text>
      {pack.nodes.length > 0 && (
        <Group gap={4} mt={4}>
          {pack.nodes.map((type) => (
            <Badge key={type} size="xs" variant="outline" tt="none" data-testid="pack-node">
              {type}
            </Badge>
          ))}
        </Group>
      )}
      {pack.error && (
        <Code block mt={4} c="red" data-testid="pack-error">
          {pack.error}
        </Code>
      )}
    </Paper>
  );
}

export function CustomNodesDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const status = usePackStatus(opened);
  const { reload } = useNodePackCommands();
  const packs = status.data?.packs ?? [];
  const pending = status.data?.pending ?? [];
  return (
    <Modal opened={opened} onClose={onClose} title="Custom nodes" size="lg">
      <Stack gap="sm" data-testid="custom-nodes">
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title="A node pack is code"
          data-testid="pack-warning"
        >
          Installing a pack runs its Python code on this server, with the server's access to your files and network.
          Install only packs from people you trust, and read what they do first.
        </Alert>
        <Group justify="space-between">
          <Title order={5}>Installed</Title>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={reload.isPending}
            onClick={() => reload.mutate()}
            data-testid="packs-reload"
          >
            Reload packs
          </Button>
        </Group>
        {status.isLoading && <Loader size="sm" />}
        {pending.length > 0 && (
          <Text size="sm" c="yellow" data-testid="packs-pending">
            Changed since the last load: {pending.join(", ")}. Reload to apply.
          </Text>
        )}
        {status.data && packs.length === 0 && (
          <Text size="sm" c="dimmed">
            No custom node packs are installed.
          </Text>
        )}
        {packs.map((pack) => (
          <PackRow key={`${pack.source}:${pack.name}`} pack={pack} />
        ))}
        <Text size="xs" c="dimmed">
          Reload imports the packs of the node-packs folder again and swaps their nodes in, once the queue is idle. A
          restart is still needed for packs installed as Python packages (pip), for a pack whose own dependencies you
          changed, and for packs that start threads or change Impasto itself while loading.
        </Text>
        <Divider label="Install a pack" labelPosition="left" />
        <PackInstallForm />
      </Stack>
    </Modal>
  );
}
