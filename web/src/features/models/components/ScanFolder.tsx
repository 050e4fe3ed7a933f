import { Badge, Button, Checkbox, Group, ScrollArea, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { IconFolderSearch } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "@/api/errors";
import { useModelCommands } from "../hooks/useModelCommands";
import { baseLabel, typeLabel } from "../lib/labels";
import { isInstallable, relativePath, sortEntries } from "../lib/scan";

/** Scan a folder (A1111 and ComfyUI trees work), pick what to install, in place or copied. */
export function ScanFolder() {
  const { scan, installScanned } = useModelCommands();
  const [path, setPath] = useState("");
  const [inplace, setInplace] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const result = scan.data;
  const entries = result ? sortEntries(result.entries) : [];
  const installable = entries.filter(isInstallable).map((entry) => entry.path);

  const install = (paths: string[] | null) => {
    if (!result) return;
    installScanned.mutate({ path: result.folder, paths, inplace }, { onSuccess: () => setChosen([]) });
  };

  return (
    <Stack gap="xs">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setChosen([]);
          scan.mutate(path.trim());
        }}
      >
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Folder"
            placeholder="/path/to/stable-diffusion-webui"
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            size="sm"
            data-testid="scan-path"
          />
          <Button
            type="submit"
            leftSection={<IconFolderSearch size={14} />}
            disabled={!path.trim()}
            loading={scan.isPending}
            data-testid="scan-submit"
          >
            Scan
          </Button>
        </Group>
      </form>
      {scan.isError && (
        <Text size="sm" c="red">
          {describeError(scan.error)}
        </Text>
      )}
      {result && (
        <>
          <Text size="xs" c="dimmed">
            {result.layout === "folder"
              ? "A plain folder"
              : `An ${result.layout === "a1111" ? "AUTOMATIC1111" : "ComfyUI"} tree`}
            : {entries.length} found, {installable.length} installable
            {result.truncated ? " (the scan stopped at its limit)" : ""}.
          </Text>
          <ScrollArea.Autosize mah={320} type="auto">
            <Table verticalSpacing={4} fz="xs" data-testid="scan-results">
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.path} data-testid="scan-entry">
                    <Table.Td w={28}>
                      <Checkbox
                        size="xs"
                        disabled={!isInstallable(entry)}
                        checked={chosen.includes(entry.path)}
                        onChange={(e) =>
                          setChosen(
                            e.currentTarget.checked ? [...chosen, entry.path] : chosen.filter((p) => p !== entry.path),
                          )
                        }
                        aria-label={`Choose ${entry.path}`}
                      />
                    </Table.Td>
                    <Table.Td style={{ wordBreak: "break-all" }}>{relativePath(entry.path, result.folder)}</Table.Td>
                    <Table.Td>
                      {entry.identity && (
                        <Text size="xs">
                          {typeLabel(entry.identity.type)} · {baseLabel(entry.identity.base)}
                        </Text>
                      )}
                      {entry.error && (
                        <Text size="xs" c="red">
                          {entry.error}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {entry.installed_key && (
                        <Badge size="xs" variant="light" color="green">
                          installed
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Switch
            label="Install in place (off: copy into Impasto's models folder)"
            checked={inplace}
            onChange={(e) => setInplace(e.currentTarget.checked)}
            data-testid="scan-inplace"
          />
          <Group gap="xs">
            <Button
              size="xs"
              disabled={!chosen.length}
              loading={installScanned.isPending}
              onClick={() => install(chosen)}
              data-testid="scan-install-selected"
            >
              Install selected ({chosen.length})
            </Button>
            <Button
              size="xs"
              variant="light"
              disabled={!installable.length}
              loading={installScanned.isPending}
              onClick={() => install(null)}
              data-testid="scan-install-all"
            >
              Install all ({installable.length})
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
