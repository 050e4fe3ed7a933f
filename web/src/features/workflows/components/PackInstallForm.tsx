/** Install a node pack from a git URL or a zip file, after saying plainly that a pack runs code. */
import { Button, FileInput, Group, SegmentedControl, Stack, TextInput } from "@mantine/core";
import { IconBrandGit, IconFileZip } from "@tabler/icons-react";
import { useState } from "react";
import { useNodePackCommands } from "../hooks/useNodePacks";
import { isPackUrl, packNameProblem, suggestedPackName } from "../lib/packs";

export function PackInstallForm() {
  const { installGit, installZip, reload } = useNodePackCommands();
  const [kind, setKind] = useState<"git" | "zip">("git");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const suggested = suggestedPackName(kind === "git" ? url : (file?.name ?? ""));
  const finalName = name.trim() || suggested;
  const sourceReady = kind === "git" ? isPackUrl(url) : file !== null;
  const problem = sourceReady ? packNameProblem(finalName) : null;
  const busy = installGit.isPending || installZip.isPending || reload.isPending;
  const submit = () => {
    const done = { onSuccess: () => (setUrl(""), setFile(null), setName("")) };
    if (kind === "git") installGit.mutate({ url: url.trim(), name: name.trim() || null }, done);
    else if (file) installZip.mutate({ file, name: finalName }, done);
  };
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        value={kind}
        onChange={(value) => setKind(value === "zip" ? "zip" : "git")}
        data={[
          { value: "git", label: "From a git URL" },
          { value: "zip", label: "From a zip file" },
        ]}
        data-testid="pack-source-kind"
      />
      {kind === "git" ? (
        <TextInput
          label="Repository URL"
          placeholder="https://github.com/someone/impasto-nodes.git"
          leftSection={<IconBrandGit size={14} />}
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={url && !isPackUrl(url) ? "An http(s) or file:// git URL" : undefined}
          data-testid="pack-url"
        />
      ) : (
        <FileInput
          label="Zip of the pack's folder"
          accept=".zip,application/zip"
          leftSection={<IconFileZip size={14} />}
          value={file}
          onChange={setFile}
          clearable
          data-testid="pack-zip"
        />
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          label="Folder name"
          placeholder={suggested || "pack-name"}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problem}
          style={{ flex: 1 }}
          data-testid="pack-name"
        />
        <Button
          color="orange"
          disabled={!sourceReady || problem !== null}
          loading={busy}
          onClick={submit}
          data-testid="pack-install"
        >
          Install and run its code
        </Button>
      </Group>
    </Stack>
  );
}
