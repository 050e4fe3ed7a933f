/**
 * The widgets for values richer than a number or a word: a colour picker with alpha (the server's
 * `{r, g, b, a}`), a board picker (the boards of `GET /api/v1/boards`, empty for none) and a list editor
 * for collections of numbers or strings (rows added, edited and removed).
 */
import { ActionIcon, Button, ColorInput, Group, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useBoards } from "@/features/gallery/hooks/useGallery";
import { blankItem, type CollectionItem, colourToCss, cssToColour, readCollection, readColour } from "../lib/widgets";

const INSIDE_NODE = "nodrag nowheel";

interface WidgetProps {
  testId: string;
  value: unknown;
  onChange: (value: unknown) => void;
}

export function ColourWidget({ testId, value, onChange }: WidgetProps) {
  return (
    <ColorInput
      className={INSIDE_NODE}
      size="xs"
      format="rgba"
      value={colourToCss(readColour(value))}
      onChange={(text) => {
        const colour = cssToColour(text);
        if (colour) onChange(colour);
      }}
      popoverProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

export function BoardWidget({ testId, value, onChange }: WidgetProps) {
  const boards = useBoards(false);
  const data = (boards.data ?? []).map((board) => ({ value: board.board_id, label: board.board_name }));
  return (
    <Select
      className={INSIDE_NODE}
      size="xs"
      data={data}
      value={typeof value === "string" && value ? value : null}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={data.length > 0 ? "No board" : "No boards yet"}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

export function CollectionWidget({ testId, value, onChange, item }: WidgetProps & { item: CollectionItem }) {
  const rows = readCollection(value, item);
  const set = (index: number, next: number | string) => onChange(rows.map((row, at) => (at === index ? next : row)));
  return (
    <Stack gap={2} className={INSIDE_NODE} data-testid={testId}>
      {rows.map((row, index) => (
        <Group key={index} gap={2} wrap="nowrap">
          {item === "str" ? (
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              value={String(row)}
              onChange={(event) => set(index, event.currentTarget.value)}
              data-testid={`${testId}-${index}`}
            />
          ) : (
            <NumberInput
              size="xs"
              style={{ flex: 1 }}
              value={typeof row === "number" ? row : 0}
              allowDecimal={item === "float"}
              onChange={(next) => set(index, typeof next === "number" ? next : 0)}
              data-testid={`${testId}-${index}`}
            />
          )}
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            aria-label="Remove"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            <IconX size={12} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPlus size={12} />}
        onClick={() => onChange([...rows, blankItem(item)])}
        data-testid={`${testId}-add`}
      >
        Add
      </Button>
    </Stack>
  );
}
