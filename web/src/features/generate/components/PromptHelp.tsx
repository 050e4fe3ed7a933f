import { ActionIcon, Code, Popover, Table, Text } from "@mantine/core";
import { IconHelp } from "@tabler/icons-react";

const ROWS: [string, string][] = [
  ["cat+  cat++  cat-", "weight ×1.1 per +, ×0.9 per -"],
  ["(a red hat)1.3", "weight of a group (nested weights multiply)"],
  ['("a cat", "a dog").blend(1, 0.5)', "mix two prompts"],
  ['("a cat", "oil painting").and()', "encode the parts separately and join them"],
  ["\\( \\)", "literal parentheses"],
  ["<name>", "a textual inversion by name or trigger word"],
  ["{red|green|blue}", "one image per choice (dynamic prompt)"],
  ["{2$$red|green|blue}", "two of the choices at once"],
  ["__color__", "a line of wildcards/color.txt in the root"],
];

/** The prompt syntax at a glance. */
export function PromptHelp() {
  return (
    <Popover width={420} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon size="sm" variant="subtle" color="gray" aria-label="Prompt syntax help" data-testid="prompt-help">
          <IconHelp size={16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600} mb={4}>
          Prompt syntax
        </Text>
        <Table fz="xs" verticalSpacing={4}>
          <Table.Tbody>
            {ROWS.map(([syntax, meaning]) => (
              <Table.Tr key={syntax}>
                <Table.Td>
                  <Code>{syntax}</Code>
                </Table.Td>
                <Table.Td>{meaning}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={6}>
          Every combination of the dynamic choices becomes its own image (up to 100), each with the batch count.
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
