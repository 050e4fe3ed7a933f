/**
 * Checks the graph with the server as it is edited (`POST /api/v1/graphs/validate`, half a second after
 * the last change), so every problem shows on the node and input it concerns before Invoke is pressed.
 * Moving nodes does not change the graph and asks nothing.
 */
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, call } from "@/api/client";
import { toDocument } from "../lib/document";
import { issueMap, NO_ISSUES } from "../lib/issues";
import { useEditorStore } from "../store/editorStore";

const SETTLE_MS = 500;

export function useGraphValidation(): void {
  const graph = useEditorStore((state) => JSON.stringify(toDocument(state.base, state.nodes, state.edges).graph));
  const [settled] = useDebouncedValue(graph, SETTLE_MS);
  const result = useQuery({
    queryKey: ["graphs", "validate", settled],
    queryFn: () => call(api.POST("/api/v1/graphs/validate", { body: { graph: JSON.parse(settled) } })),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  useEffect(() => {
    const { nodes, setIssues } = useEditorStore.getState();
    if (nodes.length === 0 || !result.data) setIssues(NO_ISSUES);
    else
      setIssues(
        issueMap(
          result.data.issues,
          nodes.map((node) => node.id),
        ),
      );
  }, [result.data]);
}
