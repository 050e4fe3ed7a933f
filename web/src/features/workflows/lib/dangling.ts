/**
 * A connection dropped on the empty graph: the palette then offers only node types with a socket that can
 * take the other end, and the picked node is connected through its first such socket. The check is the
 * editor's own connection rule, run against the graph as it would be with the new node in it, so the
 * palette never offers a node whose edge would then be refused.
 */
import { connectionRefusal, type GraphEdge, type GraphShape } from "./connections";
import type { NodeSchema } from "./nodeSchema";

/** The end of an edge the user dragged from: an output (`source`) or an input (`target`) of a node. */
export interface DanglingEnd {
  nodeId: string;
  field: string;
  side: "source" | "target";
}

const CANDIDATE = "\u0000candidate";

/** The edge between the dragged end and `field` of the new node. */
function edgeTo(end: DanglingEnd, nodeId: string, field: string): GraphEdge {
  return end.side === "source"
    ? { source: end.nodeId, sourceField: end.field, target: nodeId, targetField: field }
    : { source: nodeId, sourceField: field, target: end.nodeId, targetField: end.field };
}

/** The first socket of a new `schema` node (id `nodeId`) that the dragged end may connect to, or null. */
export function matchingField(
  graph: GraphShape,
  end: DanglingEnd,
  schema: NodeSchema,
  nodeId: string = CANDIDATE,
): string | null {
  const withNode: GraphShape = {
    ...graph,
    nodes: new Map([...graph.nodes, [nodeId, schema.type]]),
    schemas: new Map([...graph.schemas, [schema.type, schema]]),
  };
  const sockets = end.side === "source" ? schema.inputs : schema.outputs;
  const fits = sockets.find((field) => connectionRefusal(withNode, edgeTo(end, nodeId, field.name)) === null);
  return fits?.name ?? null;
}

/** The edge that connects a node just added (`nodeId`, of `schema`) to the dragged end, or null. */
export function danglingEdge(
  graph: GraphShape,
  end: DanglingEnd,
  schema: NodeSchema,
  nodeId: string,
): GraphEdge | null {
  const field = matchingField(graph, end, schema, nodeId);
  return field === null ? null : edgeTo(end, nodeId, field);
}

/** Whether the palette offers `schema` for the dragged end. */
export const offersFor = (graph: GraphShape, end: DanglingEnd) => (schema: NodeSchema) =>
  matchingField(graph, end, schema) !== null;
