/**
 * The linear view: the workflow's form (headings, text, dividers and node fields in rows and columns) to
 * fill in and Invoke without the graph. A field edits the same node value the graph shows; the images
 * the last run made at the graph's ends (nodes that feed no other) are shown under the form.
 */
import { Box, Divider, Group, Image, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { imageUrl } from "@/common/lib/urls";
import { isGraphNode } from "../lib/document";
import { type FieldElement, type FormNode, formTree } from "../lib/form";
import { type NodeSchema, widgetFor } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";
import { FieldWidget } from "./FieldWidget";

function FormField({ element, schemas }: { element: FieldElement; schemas: Map<string, NodeSchema> }) {
  const node = useEditorStore((state) => state.nodes.find((item) => item.id === element.node_id));
  const setValue = useEditorStore((state) => state.setValue);
  const fed = useEditorStore((state) =>
    state.edges.some((edge) => edge.target === element.node_id && edge.targetHandle === element.field),
  );
  const graphNode = node && isGraphNode(node) ? node : undefined;
  const field = schemas.get(graphNode?.data.type ?? "")?.inputs.find((input) => input.name === element.field);
  if (!graphNode || !field) {
    return (
      <Text size="sm" c="red">
        The form names {element.node_id}.{element.field}, which the graph does not have.
      </Text>
    );
  }
  const widget = widgetFor(field);
  const shown = widget.kind === "text" && element.component === "textarea" ? { ...widget, multiline: true } : widget;
  return (
    <Stack gap={2} style={{ flex: 1 }} data-testid={`form-element-${element.id}`}>
      <Text size="sm" fw={500}>
        {element.label || graphNode.data.label || `${field.name} (${graphNode.id})`}
      </Text>
      {fed ? (
        <Text size="xs" c="dimmed">
          Set by a connection in the graph.
        </Text>
      ) : (
        <FieldWidget
          nodeId={graphNode.id}
          field={field}
          widget={shown}
          value={graphNode.data.values[field.name]}
          onChange={(next) => setValue(graphNode.id, field.name, next)}
          testId={`form-field-${graphNode.id}-${field.name}`}
        />
      )}
      {element.show_description !== false && field.description && (
        <Text size="xs" c="dimmed">
          {field.description}
        </Text>
      )}
    </Stack>
  );
}

function FormItem({ item, schemas }: { item: FormNode; schemas: Map<string, NodeSchema> }) {
  switch (item.kind) {
    case "container": {
      const children = item.children.map((child) => <FormItem key={child.id} item={child} schemas={schemas} />);
      return item.layout === "row" ? (
        <Group align="flex-start" grow>
          {children}
        </Group>
      ) : (
        <Stack gap="md">{children}</Stack>
      );
    }
    case "heading":
      return <Title order={4}>{item.text}</Title>;
    case "text":
      return (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {item.text}
        </Text>
      );
    case "divider":
      return <Divider />;
    case "field":
      return <FormField element={item.element} schemas={schemas} />;
  }
}

function RunImages() {
  const nodes = useEditorStore((state) => state.run.nodes);
  const edges = useEditorStore((state) => state.edges);
  const feeding = new Set(edges.map((edge) => edge.source));
  const images = Object.entries(nodes)
    .filter(([id]) => !feeding.has(id))
    .map(([, node]) => node.image)
    .filter((name): name is string => !!name);
  if (images.length === 0) return null;
  return (
    <Group>
      {images.map((name) => (
        <Image
          key={name}
          src={imageUrl(name)}
          alt="An image of the last run"
          w={256}
          radius="sm"
          data-testid="form-image"
          data-image={name}
        />
      ))}
    </Group>
  );
}

export function FormView({ schemas }: { schemas: Map<string, NodeSchema> }) {
  const form = useEditorStore((state) => state.base.form);
  const tree = formTree(form);
  return (
    <ScrollArea h="100%" data-testid="workflow-form">
      <Box maw={640} mx="auto" p="md">
        <Stack gap="lg">
          {tree ? (
            <FormItem item={tree} schemas={schemas} />
          ) : (
            <Text c="dimmed" data-testid="workflow-form-empty">
              This workflow has no form yet: add fields to it from the graph with the + beside an input.
            </Text>
          )}
          <RunImages />
        </Stack>
      </Box>
    </ScrollArea>
  );
}
