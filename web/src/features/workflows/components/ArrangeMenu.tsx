/**
 * The graph's arrange commands: align the selected nodes on a side or space them evenly (two or more
 * selected; three to distribute), and lay out the whole graph (or the selection) in columns by edge depth.
 */
import { Button, Group, Menu } from "@mantine/core";
import { IconLayoutDistributeHorizontal } from "@tabler/icons-react";
import { align, type Axis, distribute, layeredLayout, type NodeBox, type Side } from "../lib/arrange";
import { type EditorNode, isGraphNode, toGraphEdge } from "../lib/document";
import { useEditorStore } from "../store/editorStore";

const DEFAULT_SIZE = { width: 260, height: 120 };

const boxOf = (node: EditorNode): NodeBox => ({
  id: node.id,
  x: node.position.x,
  y: node.position.y,
  width: node.measured?.width ?? DEFAULT_SIZE.width,
  height: node.measured?.height ?? DEFAULT_SIZE.height,
});

const selectedBoxes = () =>
  useEditorStore
    .getState()
    .nodes.filter((node) => node.selected)
    .map(boxOf);

const SIDES: { side: Side; label: string }[] = [
  { side: "left", label: "Align left" },
  { side: "right", label: "Align right" },
  { side: "top", label: "Align top" },
  { side: "bottom", label: "Align bottom" },
];
const AXES: { axis: Axis; label: string }[] = [
  { axis: "horizontal", label: "Distribute horizontally" },
  { axis: "vertical", label: "Distribute vertically" },
];

/** Lays out the selected graph nodes, or all of them when fewer than two are selected. */
function autoLayout(): void {
  const { nodes, edges, moveNodes } = useEditorStore.getState();
  const graphNodes = nodes.filter(isGraphNode);
  const chosen = graphNodes.filter((node) => node.selected);
  const placed = chosen.length >= 2 ? chosen : graphNodes;
  moveNodes(layeredLayout(placed.map(boxOf), edges.map(toGraphEdge)));
}

export function ArrangeMenu({ onArranged }: { onArranged: () => void }) {
  const selected = useEditorStore((state) => state.nodes.filter((node) => node.selected).length);
  const moveNodes = useEditorStore((state) => state.moveNodes);
  return (
    <Group gap={4}>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="compact-xs" variant="default" disabled={selected < 2} data-testid="workflow-align">
            Align
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {SIDES.map(({ side, label }) => (
            <Menu.Item key={side} onClick={() => moveNodes(align(selectedBoxes(), side))} data-testid={`align-${side}`}>
              {label}
            </Menu.Item>
          ))}
          <Menu.Divider />
          {AXES.map(({ axis, label }) => (
            <Menu.Item
              key={axis}
              disabled={selected < 3}
              onClick={() => moveNodes(distribute(selectedBoxes(), axis))}
              data-testid={`distribute-${axis}`}
            >
              {label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button
        size="compact-xs"
        variant="default"
        leftSection={<IconLayoutDistributeHorizontal size={12} />}
        onClick={() => {
          autoLayout();
          onArranged();
        }}
        data-testid="workflow-auto-layout"
      >
        Auto-layout
      </Button>
    </Group>
  );
}
