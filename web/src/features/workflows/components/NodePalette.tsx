/**
 * The searchable list of node types (Space or a double click on the empty graph opens it; a connection
 * dropped on the empty graph opens it listing only the node types that take it): typing
 * filters by title, type, category and tags; Enter or a click adds the highlighted node where the palette
 * was opened; arrows move the highlight; Escape closes it.
 */
import { Badge, Box, Group, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useMemo, useState } from "react";
import type { NodeSchema } from "../lib/nodeSchema";
import { searchNodes } from "../lib/search";

interface NodePaletteProps {
  schemas: Map<string, NodeSchema>;
  /** Where it is drawn, in screen pixels relative to the editor. */
  at: { x: number; y: number };
  onPick: (schema: NodeSchema) => void;
  onClose: () => void;
  /** Only node types this accepts are listed (those that fit a connection dropped on the graph). */
  offer?: (schema: NodeSchema) => boolean;
}

const SHOWN = 40;

export function NodePalette({ schemas, at, onPick, onClose, offer }: NodePaletteProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const offered = useMemo(() => [...schemas.values()].filter(offer ?? (() => true)), [schemas, offer]);
  const results = useMemo(() => searchNodes(offered, query).slice(0, SHOWN), [offered, query]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") onClose();
    else if (event.key === "ArrowDown") setActive((n) => Math.min(n + 1, results.length - 1));
    else if (event.key === "ArrowUp") setActive((n) => Math.max(n - 1, 0));
    else if (event.key === "Enter" && results[active]) onPick(results[active]);
    else return;
    event.preventDefault();
  };
  return (
    <Paper
      withBorder
      shadow="lg"
      p="xs"
      w={340}
      pos="absolute"
      style={{ left: at.x, top: at.y, zIndex: 20 }}
      data-testid="node-palette"
      data-filtered={offer ? "true" : "false"}
      onKeyDown={onKeyDown}
    >
      {offer && (
        <Text size="xs" c="dimmed" mb={4}>
          Nodes that take this connection ({offered.length})
        </Text>
      )}
      <TextInput
        autoFocus
        size="xs"
        placeholder="Search nodes (title, type, category, tag)"
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onBlur={(event) => {
          if (!event.currentTarget.closest("[data-testid=node-palette]")?.contains(event.relatedTarget)) onClose();
        }}
        data-testid="node-palette-search"
      />
      <ScrollArea.Autosize mah={320} mt="xs">
        <Stack gap={2}>
          {results.length === 0 && (
            <Text size="xs" c="dimmed" p="xs">
              No node matches “{query}”.
            </Text>
          )}
          {results.map((schema, index) => (
            <UnstyledButton
              key={schema.type}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(schema)}
              onMouseEnter={() => setActive(index)}
              data-testid={`palette-${schema.type}`}
            >
              <Box p={6} bg={index === active ? "var(--mantine-color-dark-5)" : undefined} style={{ borderRadius: 4 }}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" truncate>
                    {schema.title}
                  </Text>
                  <Badge size="xs" variant="light">
                    {schema.category}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {schema.type} · {schema.description.split("\n")[0]}
                </Text>
              </Box>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
