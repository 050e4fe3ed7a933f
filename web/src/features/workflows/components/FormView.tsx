/**
 * The linear view: the workflow's form (headings, text, dividers and node fields in rows and columns) to
 * fill in and Invoke without the graph, and, switched on, the form builder that adds, edits, moves and
 * deletes its elements. A field edits the same node value the graph shows, drawn as its element says (a
 * slider, a text area); the images the last run made at the graph's ends (nodes that feed no other) are
 * shown under the form.
 */
import { Box, Divider, Group, Image, ScrollArea, Slider, Stack, Switch, Text, Title } from "@mantine/core";
import { imageUrl } from "@/common/lib/urls";
import { isGraphNode } from "../lib/document";
import { type FieldElement, type FormNode, formTree, sliderRange } from "../lib/form";
import { type FieldSchema, type NodeSchema, type Widget, widgetFor } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";
import { FieldWidget } from "./FieldWidget";
import { AddElementBar, DropZone, ElementFrame } from "./FormBuilder";

interface FieldInputProps {
  element: FieldElement;
  nodeId: string;
  field: FieldSchema;
  widget: Widget;
  value: unknown;
}

/** The field's widget as the element asks for it: a slider or a text area where the input allows. */
function FieldInput({ element, nodeId, field, widget, value }: FieldInputProps) {
  const setValue = useEditorStore((state) => state.setValue);
  const testId = `form-field-${nodeId}-${field.name}`;
  const range = element.component === "slider" ? sliderRange(field, widget) : null;
  if (range) {
    return (
      <Slider
        {...range}
        value={typeof value === "number" ? value : range.min}
        onChange={(next) => setValue(nodeId, field.name, next)}
        label={(current) => current}
        marks={[
          { value: range.min, label: range.min },
          { value: range.max, label: range.max },
        ]}
        mb="md"
        data-testid={testId}
        data-value={typeof value === "number" ? value : ""}
        thumbProps={{ "data-testid": `${testId}-thumb` } as React.ComponentProps<"div">}
      />
    );
  }
  const shown = widget.kind === "text" && element.component === "textarea" ? { ...widget, multiline: true } : widget;
  return (
    <FieldWidget
      nodeId={nodeId}
      field={field}
      widget={shown}
      value={value}
      onChange={(next) => setValue(nodeId, field.name, next)}
      testId={testId}
    />
  );
}

function FormField({ element, schemas }: { element: FieldElement; schemas: Map<string, NodeSchema> }) {
  const node = useEditorStore((state) => state.nodes.find((item) => item.id === element.node_id));
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
  const description = element.description || field.description;
  return (
    <Stack gap={2} style={{ flex: 1 }} data-testid={`form-element-${element.id}`}>
      <Text size="sm" fw={500} data-testid={`form-label-shown-${element.id}`}>
        {element.label ||
          graphNode.data.inputLabels?.[field.name] ||
          graphNode.data.label ||
          `${field.name} (${graphNode.id})`}
      </Text>
      {fed ? (
        <Text size="xs" c="dimmed">
          Set by a connection in the graph.
        </Text>
      ) : (
        <FieldInput
          element={element}
          nodeId={graphNode.id}
          field={field}
          widget={widgetFor(field)}
          value={graphNode.data.values[field.name]}
        />
      )}
      {element.show_description !== false && description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}

interface FormItemProps {
  item: FormNode;
  schemas: Map<string, NodeSchema>;
  editing: boolean;
}

function ContainerBody({ item, schemas, editing }: FormItemProps & { item: Extract<FormNode, { kind: "container" }> }) {
  const children = item.children.map((child) => (
    <FormItem key={child.id} item={child} schemas={schemas} editing={editing} />
  ));
  if (editing) children.push(<DropZone key="drop" parentId={item.id} count={item.children.length} />);
  return item.layout === "row" ? (
    <Group align="flex-start" grow={!editing} wrap={editing ? "wrap" : "nowrap"} data-testid={`form-row-${item.id}`}>
      {children}
    </Group>
  ) : (
    <Stack gap="md">{children}</Stack>
  );
}

function ItemBody({ item, schemas, editing }: FormItemProps) {
  switch (item.kind) {
    case "container":
      return <ContainerBody item={item} schemas={schemas} editing={editing} />;
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

function FormItem({ item, schemas, editing, root = false }: FormItemProps & { root?: boolean }) {
  const body = <ItemBody item={item} schemas={schemas} editing={editing} />;
  if (!editing || root) return body;
  return (
    <ElementFrame item={item} schemas={schemas}>
      {body}
    </ElementFrame>
  );
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
  const editing = useEditorStore((state) => state.formEditing);
  const setEditing = useEditorStore((state) => state.setFormEditing);
  const tree = formTree(form);
  return (
    <ScrollArea h="100%" data-testid="workflow-form">
      <Box maw={editing ? 820 : 640} mx="auto" p="md">
        <Stack gap="lg">
          <Group justify="space-between">
            <Switch
              size="xs"
              label="Edit the form"
              checked={editing}
              onChange={(event) => setEditing(event.currentTarget.checked)}
              data-testid="form-edit-toggle"
            />
            {editing && <AddElementBar />}
          </Group>
          {tree ? (
            <FormItem item={tree} schemas={schemas} editing={editing} root />
          ) : (
            <Text c="dimmed" data-testid="workflow-form-empty">
              This workflow has no form yet: add fields to it from the graph with the + beside an input, and headings,
              text and rows here with “Edit the form”.
            </Text>
          )}
          <RunImages />
        </Stack>
      </Box>
    </ScrollArea>
  );
}
