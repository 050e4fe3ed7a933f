/**
 * One node of the graph, drawn from its type's schema: a header with the title (or the user's label), the
 * run status and the user's notes, a row per input with its handle, its name or label (renamed by a double
 * click) and widget (the widget hidden while an
 * edge feeds the input, and a button that adds it to the workflow's form), a row per output with its handle,
 * the server's problems with the node (the inputs they concern marked), the error of a failed run, and the
 * image a node saved.
 */
import { ActionIcon, Box, Group, Image, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo, useState } from "react";
import { imageUrl } from "@/common/lib/urls";
import type { GraphNodeItem } from "../lib/document";
import { formHasField } from "../lib/form";
import type { NodeIssues } from "../lib/issues";
import { connectable, type FieldSchema, typeColour, widgetFor } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";
import { useNodeSchemas } from "../hooks/useWorkflowApi";
import { FieldWidget } from "./FieldWidget";
import { NodeHeader, NodeNotes } from "./NodeHeader";

const STATUS_COLOUR = {
  pending: undefined,
  running: "var(--mantine-color-yellow-5)",
  done: "var(--mantine-color-green-6)",
  failed: "var(--mantine-color-red-6)",
};

function Socket({ field, kind }: { field: FieldSchema; kind: "source" | "target" }) {
  return (
    <Handle
      type={kind}
      id={field.name}
      position={kind === "target" ? Position.Left : Position.Right}
      style={{ background: typeColour(field.type), width: 10, height: 10, border: "1px solid #111" }}
      data-testid={`handle-${kind}-${field.name}`}
      data-type={field.type}
    />
  );
}

function InputRow({
  nodeId,
  field,
  label,
  value,
  connected,
}: {
  nodeId: string;
  field: FieldSchema;
  /** The workflow's label for this input, shown instead of its name (e.g. from an InvokeAI workflow). */
  label: string | undefined;
  value: unknown;
  connected: boolean;
}) {
  const setValue = useEditorStore((state) => state.setValue);
  const inForm = useEditorStore((state) => formHasField(state.base.form, nodeId, field.name));
  const problems = useEditorStore((state) => state.issues.nodes[nodeId]?.fields[field.name]);
  const widget = widgetFor(field);
  const showWidget = !connected && widget.kind !== "none";
  if (!connectable(field) && widget.kind === "none") return null;
  return (
    <Box pos="relative" px="xs" py={2} data-testid={`input-${field.name}`}>
      {connectable(field) && <Socket field={field} kind="target" />}
      <Group gap={4} wrap="nowrap">
        <InputLabel nodeId={nodeId} field={field} label={label} problems={problems} />
        {widget.kind !== "none" && <AddToForm nodeId={nodeId} field={field.name} inForm={inForm} />}
      </Group>
      {showWidget && (
        <FieldWidget
          nodeId={nodeId}
          field={field}
          widget={widget}
          value={value}
          onChange={(next) => setValue(nodeId, field.name, next)}
        />
      )}
    </Box>
  );
}

/** An input's name, or the label the user gave it: renamed by a double click, an empty label restoring
 * the name. Its tooltip tells the input's name, description and type, or its problems. */
function InputLabel({
  nodeId,
  field,
  label,
  problems,
}: {
  nodeId: string;
  field: FieldSchema;
  label: string | undefined;
  problems: string[] | undefined;
}) {
  const setInputLabel = useEditorStore((state) => state.setInputLabel);
  const [draft, setDraft] = useState<string | null>(null);
  const finish = () => {
    if (draft !== null && draft.trim() !== (label ?? "")) setInputLabel(nodeId, field.name, draft);
    setDraft(null);
  };
  if (draft !== null) {
    return (
      <TextInput
        className="nodrag"
        size="xs"
        autoFocus
        value={draft}
        placeholder={field.name}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={finish}
        onKeyDown={(event) => {
          if (event.key === "Enter") finish();
          if (event.key === "Escape") setDraft(null);
        }}
        data-testid={`input-label-edit-${nodeId}-${field.name}`}
        style={{ flex: 1 }}
      />
    );
  }
  const about = `${label ? `${field.name}: ` : ""}${field.description} (${field.type}) · double-click to rename`;
  return (
    <Tooltip
      label={problems ? problems.join("\n") : about}
      multiline
      w={260}
      openDelay={problems ? 0 : 400}
      style={{ whiteSpace: "pre-wrap" }}
    >
      <Text
        size="xs"
        c={problems ? "red" : field.required ? undefined : "dimmed"}
        style={{ flex: 1 }}
        onDoubleClick={() => setDraft(label ?? "")}
        data-testid={problems ? `issue-${nodeId}-${field.name}` : `input-label-${nodeId}-${field.name}`}
      >
        {problems ? `⚠ ${label || field.name}` : label || field.name}
      </Text>
    </Tooltip>
  );
}

function AddToForm({ nodeId, field, inForm }: { nodeId: string; field: string; inForm: boolean }) {
  const addToForm = useEditorStore((state) => state.addToForm);
  return (
    <Tooltip label={inForm ? "In the form" : "Add to the form"} openDelay={400}>
      <ActionIcon
        className="nodrag"
        size={14}
        variant={inForm ? "light" : "subtle"}
        color={inForm ? "green" : "gray"}
        disabled={inForm}
        onClick={() => addToForm(nodeId, field)}
        aria-label="Add to the form"
        data-testid={`add-to-form-${nodeId}-${field}`}
      >
        {inForm ? "✓" : "+"}
      </ActionIcon>
    </Tooltip>
  );
}

function RunImage({ name }: { name: string }) {
  return (
    <Image src={imageUrl(name)} alt="The saved image" w="100%" radius="sm" data-testid="node-image" data-image={name} />
  );
}

/**
 * Every problem of the node, at its foot (below the sockets, so the list never moves a handle): its own,
 * then each input's, named. The input's label is marked too.
 */
function NodeProblems({ id, issues }: { id: string; issues: NodeIssues | undefined }) {
  if (!issues) return null;
  const fields = Object.entries(issues.fields).flatMap(([name, messages]) => messages.map((m) => `${name}: ${m}`));
  const messages = [...issues.node, ...fields];
  if (messages.length === 0) return null;
  return (
    <Text size="xs" c="red" px="xs" pb="xs" style={{ whiteSpace: "pre-wrap" }} data-testid={`issue-${id}`}>
      {messages.join("\n")}
    </Text>
  );
}

export const GraphNode = memo(function GraphNode({ id, data, selected }: NodeProps<GraphNodeItem>) {
  const schema = useNodeSchemas().data?.get(data.type);
  const run = useEditorStore((state) => state.run.nodes[id]);
  const issues = useEditorStore((state) => state.issues.nodes[id]);
  const connected = useEditorStore((state) =>
    state.edges
      .filter((edge) => edge.target === id)
      .map((edge) => edge.targetHandle)
      .join("\n"),
  ).split("\n");
  const idle = issues ? "var(--mantine-color-red-8)" : "var(--mantine-color-dark-3)";
  const border = (run && STATUS_COLOUR[run.status]) ?? (selected ? "var(--mantine-color-blue-5)" : idle);
  return (
    <Box
      w={260}
      bg="var(--mantine-color-dark-6)"
      style={{ border: `2px solid ${border}`, borderRadius: 8 }}
      data-testid={`node-${id}`}
      data-status={run?.status ?? "idle"}
      data-issues={issues ? "true" : "false"}
    >
      <NodeHeader
        id={id}
        label={data.label}
        title={schema?.title || data.type}
        running={run?.status === "running"}
        values={data.values}
      />
      <NodeNotes id={id} notes={data.notes} />
      {!schema && (
        <Text size="xs" c="red" p="xs">
          Unknown node type “{data.type}”.
        </Text>
      )}
      <Stack gap={0} py={4}>
        {schema?.outputs.map((field) => (
          <Box key={field.name} pos="relative" px="xs" py={2} ta="right" data-testid={`output-${field.name}`}>
            <Text size="xs">{field.name}</Text>
            <Socket field={field} kind="source" />
          </Box>
        ))}
        {schema?.inputs.map((field) => (
          <InputRow
            key={field.name}
            nodeId={id}
            field={field}
            label={data.inputLabels?.[field.name]}
            value={data.values[field.name]}
            connected={connected.includes(field.name)}
          />
        ))}
      </Stack>
      <NodeProblems id={id} issues={issues} />
      {run?.error && (
        <Text size="xs" c="red" px="xs" pb="xs" style={{ whiteSpace: "pre-wrap" }} data-testid="node-error">
          {run.error}
        </Text>
      )}
      {run?.image && (
        <Box p="xs">
          <RunImage name={run.image} />
        </Box>
      )}
    </Box>
  );
});
