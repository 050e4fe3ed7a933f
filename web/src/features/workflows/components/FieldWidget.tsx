/** The widget that types a value into one node input, chosen from the input's schema. */
import { Checkbox, NumberInput, Select, Textarea, TextInput } from "@mantine/core";
import { useMemo } from "react";
import { ImageInput } from "@/common/components/ImageInput";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { baseLabel, typeLabel } from "@/features/models/lib/labels";
import { ImageListWidget } from "./ImageListWidget";
import { BoardWidget, CollectionWidget, ColourWidget } from "./RichWidgets";
import { modelFits, type FieldSchema, type ModelFilter, type Widget } from "../lib/nodeSchema";

interface FieldWidgetProps {
  nodeId: string;
  field: FieldSchema;
  widget: Widget;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The test id of the widget; `field-<node>-<field>` unless given. */
  testId?: string;
}

/** Inputs inside a node must not start a drag or a zoom of the graph. */
const INSIDE_NODE = "nodrag nowheel";

interface ModelWidgetProps {
  testId: string;
  filter: ModelFilter;
  value: unknown;
  onChange: (v: unknown) => void;
}

/** A picker of the installed models the input takes (its type, base and architecture hints). */
function ModelWidget({ testId, filter, value, onChange }: ModelWidgetProps) {
  const { models } = useInstalledModels();
  const data = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const model of models.filter((candidate) => modelFits(candidate, filter))) {
      const group = `${typeLabel(model.type)} · ${baseLabel(model.base)}`;
      groups.set(group, [...(groups.get(group) ?? []), { value: model.key, label: model.name }]);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [models, filter]);
  const key = (value as { key?: unknown } | null)?.key;
  return (
    <Select
      className={INSIDE_NODE}
      size="xs"
      data={data}
      value={typeof key === "string" ? key : null}
      onChange={(next) => onChange(next ? { key: next } : undefined)}
      placeholder={data.length > 0 ? "Choose a model" : "No fitting model installed"}
      searchable
      clearable
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function FieldWidget({ nodeId, field, widget, value, onChange, testId: given }: FieldWidgetProps) {
  const testId = given ?? `field-${nodeId}-${field.name}`;
  switch (widget.kind) {
    case "number":
      return (
        <NumberInput
          className={INSIDE_NODE}
          size="xs"
          value={typeof value === "number" ? value : ""}
          onChange={(next) => onChange(typeof next === "number" ? next : undefined)}
          min={widget.min}
          max={widget.max}
          step={widget.step}
          allowDecimal={!widget.integer}
          clampBehavior="blur"
          data-testid={testId}
        />
      );
    case "select":
      return (
        <Select
          className={INSIDE_NODE}
          size="xs"
          data={widget.choices}
          value={typeof value === "string" ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
          data-testid={testId}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case "text":
      return widget.multiline ? (
        <Textarea
          className={INSIDE_NODE}
          size="xs"
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.currentTarget.value)}
          placeholder={widget.placeholder}
          autosize
          minRows={2}
          maxRows={8}
          data-testid={testId}
        />
      ) : (
        <TextInput
          className={INSIDE_NODE}
          size="xs"
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.currentTarget.value)}
          placeholder={widget.placeholder}
          data-testid={testId}
        />
      );
    case "boolean":
      return (
        <Checkbox
          className={INSIDE_NODE}
          size="xs"
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          data-testid={testId}
        />
      );
    case "model":
      return <ModelWidget testId={testId} filter={widget.filter} value={value} onChange={onChange} />;
    case "image": {
      const name = (value as { image_name?: unknown } | null)?.image_name;
      return (
        <div className={INSIDE_NODE}>
          <ImageInput
            label=""
            value={typeof name === "string" ? name : null}
            onChange={(next) => onChange(next ? { image_name: next } : undefined)}
            category="user"
            boardId={null}
            testId={testId}
            height={96}
          />
        </div>
      );
    }
    case "images":
      return <ImageListWidget testId={testId} value={value} onChange={onChange} />;
    case "colour":
      return <ColourWidget testId={testId} value={value} onChange={onChange} />;
    case "board":
      return <BoardWidget testId={testId} value={value} onChange={onChange} />;
    case "collection":
      return <CollectionWidget testId={testId} value={value} onChange={onChange} item={widget.item} />;
    case "none":
      return null;
  }
}
