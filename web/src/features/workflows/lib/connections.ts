/**
 * The server's connection rules (`impasto.graph.types` and `impasto.graph.validation`), mirrored so the
 * editor refuses a bad edge as it is drawn and says why: types must be compatible (with the implicit
 * int → float widening, unions and lists), an input takes one edge (except `collect`'s item), typed-only
 * inputs take none, and no edge may close a cycle. `iterate` and `collect` outputs take their types from
 * what feeds them, as the server infers them.
 */
import type { NodeSchema } from "./nodeSchema";

export const ANY = "any";
export const ITERATE = "iterate";
export const COLLECT = "collect";
const WIDENINGS = new Set(["int>float"]);

export function elementOf(type: string): string | null {
  if (type === ANY) return ANY;
  return type.startsWith("list[") && type.endsWith("]") ? type.slice(5, -1) : null;
}

/** Whether an output of type `source` may feed an input of type `destination`. */
export function canConnect(source: string, destination: string): boolean {
  if (source === ANY || destination === ANY || source === destination) return true;
  if (destination.includes("|")) return destination.split("|").some((member) => canConnect(source, member));
  if (source.includes("|")) return source.split("|").every((member) => canConnect(member, destination));
  if (WIDENINGS.has(`${source}>${destination}`)) return true;
  const sourceItem = elementOf(source);
  const destinationItem = elementOf(destination);
  return sourceItem !== null && destinationItem !== null && canConnect(sourceItem, destinationItem);
}

/** The one type all `types` can be treated as (what collect gathers), or null when they clash. */
export function commonType(types: string[]): string | null {
  const concrete = [...new Set(types.filter((type) => type !== ANY))].sort();
  if (concrete.length === 0) return ANY;
  if (concrete.length === 1) return concrete[0] ?? null;
  if (concrete.length === 2 && concrete[0] === "float" && concrete[1] === "int") return "float";
  return null;
}

export interface GraphEdge {
  source: string;
  sourceField: string;
  target: string;
  targetField: string;
}

export interface GraphShape {
  /** Node id → node type. */
  nodes: Map<string, string>;
  edges: GraphEdge[];
  schemas: Map<string, NodeSchema>;
}

/** The type an output carries, inferring `iterate`'s item and `collect`'s collection from their inputs. */
export function outputType(graph: GraphShape, nodeId: string, field: string, seen = new Set<string>()): string {
  const type = graph.nodes.get(nodeId);
  const declared = graph.schemas.get(type ?? "")?.outputs.find((output) => output.name === field)?.type ?? ANY;
  if (seen.has(nodeId)) return declared;
  seen.add(nodeId);
  const feeding = (input: string) => graph.edges.filter((e) => e.target === nodeId && e.targetField === input);
  if (type === ITERATE && field === "item") {
    const edge = feeding("collection")[0];
    return edge ? (elementOf(outputType(graph, edge.source, edge.sourceField, seen)) ?? ANY) : ANY;
  }
  if (type === COLLECT && field === "collection") {
    const common = commonType(feeding("item").map((e) => outputType(graph, e.source, e.sourceField, seen)));
    return `list[${common ?? ANY}]`;
  }
  return declared;
}

/** Whether `to` can be reached from `from` by following edges downstream. */
function reaches(edges: GraphEdge[], from: string, to: string): boolean {
  const stack = [from];
  const visited = new Set<string>();
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === to) return true;
    if (visited.has(current)) continue;
    visited.add(current);
    for (const edge of edges) if (edge.source === current) stack.push(edge.target);
  }
  return false;
}

function typeReason(graph: GraphShape, edge: GraphEdge, targetType: string, sourceType: string): string | null {
  const what = `${edge.source}.${edge.sourceField} (${sourceType}) cannot feed ${edge.target}.${edge.targetField}`;
  if (targetType === ITERATE) {
    return elementOf(sourceType) === null
      ? `iterate needs a list, but ${edge.source}.${edge.sourceField} is ${sourceType}`
      : null;
  }
  if (targetType === COLLECT) {
    const others = graph.edges.filter((e) => e.target === edge.target && e.targetField === edge.targetField);
    const types = others.map((e) => outputType(graph, e.source, e.sourceField));
    return commonType([...types, sourceType]) === null
      ? `collect ${edge.target} already gathers ${[...new Set(types)].join(", ")}; ${sourceType} does not mix with it`
      : null;
  }
  const input = graph.schemas.get(targetType)?.inputs.find((field) => field.name === edge.targetField);
  return input && !canConnect(sourceType, input.type) ? `${what} (${input.type})` : null;
}

/** Why `edge` may not be added to `graph`, or null when it may. */
export function connectionRefusal(graph: GraphShape, edge: GraphEdge): string | null {
  const sourceType = graph.nodes.get(edge.source);
  const targetType = graph.nodes.get(edge.target);
  if (sourceType === undefined || targetType === undefined) return "both ends must be nodes of this graph";
  const output = graph.schemas.get(sourceType)?.outputs.find((field) => field.name === edge.sourceField);
  const input = graph.schemas.get(targetType)?.inputs.find((field) => field.name === edge.targetField);
  if (!output) return `${edge.source} (${sourceType}) has no output '${edge.sourceField}'`;
  if (!input) return `${edge.target} (${targetType}) has no input '${edge.targetField}'`;
  if (input.input === "direct") return `'${edge.targetField}' of ${edge.target} takes a typed value, not a connection`;
  const taken = graph.edges.some((e) => e.target === edge.target && e.targetField === edge.targetField);
  if (taken && targetType !== COLLECT) {
    return `'${edge.targetField}' of ${edge.target} already has a connection (an input takes one edge)`;
  }
  if (edge.source === edge.target || reaches(graph.edges, edge.target, edge.source)) {
    return `connecting ${edge.source} to ${edge.target} would make a cycle`;
  }
  return typeReason(graph, edge, targetType, outputType(graph, edge.source, edge.sourceField));
}
