/**
 * Moving several nodes at once: aligning the selection on one side, spacing it evenly, and the automatic
 * layered layout (left to right by edge depth, as InvokeAI's and ComfyUI's "arrange" do). Pure geometry on
 * boxes: the editor passes each node's position and measured size and applies the positions it gets back.
 */
import type { GraphEdge } from "./connections";

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Side = "left" | "right" | "top" | "bottom";
export type Axis = "horizontal" | "vertical";
export type Positions = Map<string, { x: number; y: number }>;

/** Space between columns and between nodes in a column of the automatic layout. */
export const LAYOUT_GAP = { x: 80, y: 40 };

/** The boxes moved so their `side` lines up with the outermost one's. */
export function align(boxes: NodeBox[], side: Side): Positions {
  const positions: Positions = new Map();
  if (boxes.length === 0) return positions;
  const left = Math.min(...boxes.map((box) => box.x));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const top = Math.min(...boxes.map((box) => box.y));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  for (const box of boxes) {
    const x = side === "left" ? left : side === "right" ? right - box.width : box.x;
    const y = side === "top" ? top : side === "bottom" ? bottom - box.height : box.y;
    positions.set(box.id, { x, y });
  }
  return positions;
}

/** The boxes spaced with equal gaps along `axis` between the first and the last, which stay put. */
export function distribute(boxes: NodeBox[], axis: Axis): Positions {
  const start = (box: NodeBox) => (axis === "horizontal" ? box.x : box.y);
  const size = (box: NodeBox) => (axis === "horizontal" ? box.width : box.height);
  const sorted = [...boxes].sort((a, b) => start(a) - start(b));
  const positions: Positions = new Map(sorted.map((box) => [box.id, { x: box.x, y: box.y }]));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || sorted.length < 3) return positions;
  const used = sorted.reduce((total, box) => total + size(box), 0);
  const gap = (start(last) + size(last) - start(first) - used) / (sorted.length - 1);
  let at = start(first);
  for (const box of sorted) {
    positions.set(box.id, axis === "horizontal" ? { x: at, y: box.y } : { x: box.x, y: at });
    at += size(box) + gap;
  }
  return positions;
}

/** Column of each node: the number of edges on its longest path from a node without inputs. */
export function depths(ids: string[], edges: GraphEdge[]): Map<string, number> {
  const depth = new Map(ids.map((id) => [id, 0]));
  for (let round = 0; round < ids.length; round += 1) {
    let changed = false;
    for (const edge of edges) {
      const next = (depth.get(edge.source) ?? 0) + 1;
      if (depth.has(edge.target) && next > (depth.get(edge.target) ?? 0)) {
        depth.set(edge.target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

/** The nodes of each column, ordered by where their inputs sit in the columns before (fewer crossings). */
function columns(boxes: NodeBox[], edges: GraphEdge[]): NodeBox[][] {
  const depth = depths(
    boxes.map((box) => box.id),
    edges,
  );
  const grouped: NodeBox[][] = [];
  for (const box of boxes) (grouped[depth.get(box.id) ?? 0] ??= []).push(box);
  const rank = new Map<string, number>();
  return grouped
    .filter((column) => column.length > 0)
    .map((column) => {
      const key = (box: NodeBox) => {
        const sources = edges.filter((edge) => edge.target === box.id).map((edge) => rank.get(edge.source));
        const known = sources.filter((value): value is number => value !== undefined);
        return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : box.y / 1e6;
      };
      const sorted = [...column].sort((a, b) => key(a) - key(b) || a.y - b.y);
      sorted.forEach((box, index) => rank.set(box.id, index));
      return sorted;
    });
}

/**
 * The layered layout: a column per edge depth, left to right, each column as wide as its widest node,
 * nodes stacked in it by the order of what feeds them; the whole keeps the top-left corner of the
 * boxes it was given.
 */
export function layeredLayout(boxes: NodeBox[], edges: GraphEdge[]): Positions {
  const positions: Positions = new Map();
  if (boxes.length === 0) return positions;
  const origin = { x: Math.min(...boxes.map((box) => box.x)), y: Math.min(...boxes.map((box) => box.y)) };
  let x = origin.x;
  for (const column of columns(boxes, edges)) {
    let y = origin.y;
    for (const box of column) {
      positions.set(box.id, { x, y });
      y += box.height + LAYOUT_GAP.y;
    }
    x += Math.max(...column.map((box) => box.width)) + LAYOUT_GAP.x;
  }
  return positions;
}
