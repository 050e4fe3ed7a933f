import { Button, Stack, Switch, Text, TextInput } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { fieldProblems } from "@/api/errors";
import { useModelCommands } from "../hooks/useModelCommands";

/** Install one model from a local path, an http(s) URL or a Hugging Face id. */
export function SourceInstall() {
  const { install } = useModelCommands();
  const [source, setSource] = useState("");
  const [name, setName] = useState("");
  const [inplace, setInplace] = useState(true);
  const local = source.startsWith("/") || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith("~");
  const problems = install.error ? fieldProblems(install.error) : null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        install.mutate(
          { source: source.trim(), name: name.trim() || null, inplace: local && inplace },
          {
            onSuccess: () => {
              setSource("");
              setName("");
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <TextInput
          label="Source"
          placeholder="/path/to/model.safetensors, https://…, or owner/repo"
          description="A file or folder on this machine, a download URL, or a Hugging Face id (owner/repo or owner/repo::file.safetensors)"
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          error={problems?.fields.source}
          size="sm"
          data-testid="install-source"
        />
        <TextInput
          label="Name (optional)"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problems?.fields.name}
        />
        <Switch
          label="Install in place (keep local files where they are)"
          checked={inplace}
          onChange={(e) => setInplace(e.currentTarget.checked)}
          disabled={!local}
        />
        {problems?.general && (
          <Text size="sm" c="red">
            {problems.general}
          </Text>
        )}
        <Button
          type="submit"
          leftSection={<IconDownload size={14} />}
          disabled={!source.trim()}
          loading={install.isPending}
          data-testid="install-submit"
        >
          Install
        </Button>
      </Stack>
    </form>
  );
}
