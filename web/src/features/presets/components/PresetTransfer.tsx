import { Alert, Button, FileButton, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "@/api/errors";
import { usePresetCommands } from "../hooks/usePresetCommands";
import { importRequest, importSummary, type ImportResult } from "../lib/transfer";

/** Export the user presets to a JSON file; import such a file (names in use and invalid entries are skipped, with the reason). */
export function PresetTransfer({ userCount }: { userCount: number }) {
  const commands = usePresetCommands();
  const [result, setResult] = useState<ImportResult | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setResult(null);
    let request;
    try {
      request = importRequest(await file.text());
    } catch (error) {
      notifications.show({ color: "red", title: `Could not import ${file.name}`, message: describeError(error) });
      return;
    }
    commands.importPresets.mutate(request, { onSuccess: setResult });
  };
  return (
    <>
      {result && (
        <Alert
          color={result.skipped.length ? "yellow" : "green"}
          withCloseButton
          onClose={() => setResult(null)}
          p="xs"
          data-testid="preset-import-result"
        >
          {importSummary(result)}
        </Alert>
      )}
      <Group gap="xs" grow>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          disabled={!userCount}
          loading={commands.exportPresets.isPending}
          onClick={() => commands.exportPresets.mutate()}
          data-testid="preset-export"
        >
          Export
        </Button>
        <FileButton onChange={(file) => void upload(file)} accept="application/json,.json">
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="default"
              leftSection={<IconUpload size={14} />}
              loading={commands.importPresets.isPending}
              data-testid="preset-import"
            >
              Import
            </Button>
          )}
        </FileButton>
      </Group>
    </>
  );
}
