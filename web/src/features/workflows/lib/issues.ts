/**
 * The problems the server finds in the graph (`POST /api/v1/graphs/validate`: `{code, node_id, field,
 * message}` each), sorted to where the editor shows them: on the input they concern, on their node when
 * they name no input, and in the toolbar when they name no node.
 */
export interface GraphIssue {
  code: string;
  message: string;
  node_id?: string | null;
  field?: string | null;
}

export interface NodeIssues {
  /** Problems of the node as a whole. */
  node: string[];
  /** Problems of one input, by its name. */
  fields: Record<string, string[]>;
}

export interface IssueMap {
  nodes: Record<string, NodeIssues>;
  /** Problems of the graph that name no node (or a node it does not have). */
  graph: string[];
  count: number;
}

export const NO_ISSUES: IssueMap = { nodes: {}, graph: [], count: 0 };

/** The issues put on the nodes of `nodeIds` and their inputs. */
export function issueMap(issues: GraphIssue[], nodeIds: Iterable<string>): IssueMap {
  const known = new Set(nodeIds);
  const map: IssueMap = { nodes: {}, graph: [], count: issues.length };
  for (const issue of issues) {
    if (!issue.node_id || !known.has(issue.node_id)) {
      map.graph.push(issue.message);
      continue;
    }
    const node = (map.nodes[issue.node_id] ??= { node: [], fields: {} });
    if (issue.field) (node.fields[issue.field] ??= []).push(issue.message);
    else node.node.push(issue.message);
  }
  return map;
}
