import { Kbd, Modal, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { actions } from "@/features/shortcuts/actions";

const KEY_ROLES = new Set([
  "slider",
  "radio",
  "tab",
  "listbox",
  "option",
  "menuitem",
  "combobox",
  "spinbutton",
  "textbox",
]);

/** Whether the focused element uses plain keys itself (typing, or arrows in a slider, tabs or a list). */
function consumesKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "button", "submit", "reset"].includes(target.type);
  return KEY_ROLES.has(target.getAttribute("role") ?? "");
}

/** Routes key presses to the registered actions (and Ctrl/Cmd+Z to undo). */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector("[role=dialog]")) return; // a modal or popover handles its own keys
      const action = actions.actionFor(event, consumesKeys(event.target));
      if (!action) return;
      event.preventDefault();
      if (action === "undo") {
        void actions
          .undo()
          .then((title) => title && notifications.show({ message: `Undone: ${title}`, autoClose: 2000 }));
      } else {
        void actions.run(action.id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const list = opened ? actions.list().filter((action) => action.keys.length > 0) : [];
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="md">
      <Table striped>
        <Table.Tbody>
          {list.map((action) => (
            <Table.Tr key={action.id}>
              <Table.Td>{action.title}</Table.Td>
              <Table.Td>
                <Kbd>{actions.describe(action)}</Kbd>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>Undo the last star, move or similar</Table.Td>
            <Table.Td>
              <Kbd>{actions.describe({ id: "undo", title: "", keys: ["mod+z"], perform: () => undefined })}</Kbd>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Shortcuts of a tab work while that tab is open; typing in a text field is never interrupted, except by
        Ctrl/Cmd+Enter.
      </Text>
    </Modal>
  );
}
