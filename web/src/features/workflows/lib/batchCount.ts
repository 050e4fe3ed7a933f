/**
 * How many queue items Invoke makes: the batch count times the items of the graph's batch nodes, which the
 * server expands at enqueue. Nodes sharing a `batch_group_id` advance together (zipped, so a group has as
 * many items as its lists, which must be equally long); each other group, and each node of group "None",
 * multiplies the count.
 */

/** The most runs one enqueue takes (the server's `MAX_RUNS`). */
export const MAX_RUNS = 10_000;

/** The group id that puts a batch node in a group of its own. */
const OWN_GROUP = "None";

/** Defaults of the range nodes' `count`, for graphs saved without the value. */
const RANGE_COUNT: Record<string, number> = { integer_range_batch: 4, float_range_batch: 5 };

const listLength = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/**
 * The items a batch node of `type` makes from its `values`; undefined for a type that is no batch node,
 * null where the editor cannot know (an image batch over a board).
 */
export function batchItems(type: string, values: Record<string, unknown>): number | null | undefined {
  switch (type) {
    case "string_batch":
      return listLength(values.strings);
    case "integer_batch":
      return listLength(values.integers);
    case "float_batch":
      return listLength(values.floats);
    case "image_batch":
      return typeof values.board_id === "string" && values.board_id ? null : listLength(values.images);
    case "integer_range_batch":
    case "float_range_batch":
      return typeof values.count === "number" ? values.count : RANGE_COUNT[type];
    case "string_lines_batch": {
      const text = typeof values.text === "string" ? values.text : "";
      return text.split(/\r\n|\r|\n/).filter((line) => line.trim()).length;
    }
    default:
      return undefined;
  }
}

export interface BatchCount {
  /** Queue items per run (the product over the groups); null where a board's images decide it. */
  perRun: number | null;
  /** Groups whose lists differ in length (the server refuses them). */
  uneven: string[];
}

/** The batch of the graph's nodes; null when it has no batch node. */
export function batchCount(nodes: { type: string; values: Record<string, unknown> }[]): BatchCount | null {
  const groups = new Map<string, (number | null)[]>();
  nodes.forEach((node, index) => {
    const items = batchItems(node.type, node.values);
    if (items === undefined) return;
    const group = typeof node.values.batch_group_id === "string" ? node.values.batch_group_id : OWN_GROUP;
    const key = group === OWN_GROUP ? `#${index}` : group;
    groups.set(key, [...(groups.get(key) ?? []), items]);
  });
  if (groups.size === 0) return null;
  let perRun: number | null = 1;
  const uneven: string[] = [];
  for (const [key, sizes] of groups) {
    const known = sizes.filter((size): size is number => size !== null);
    if (new Set(known).size > 1) uneven.push(key);
    if (known.length < sizes.length) perRun = null;
    else if (perRun !== null) perRun *= known[0] ?? 0;
  }
  return { perRun, uneven };
}

/** The queue items of `runs` runs of `batch` (`runs` alone without batch nodes); null when unknown. */
export const itemCount = (batch: BatchCount | null, runs: number): number | null =>
  batch === null ? runs : batch.perRun === null ? null : batch.perRun * runs;
