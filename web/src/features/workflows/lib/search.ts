/**
 * The palette's fuzzy search over node types: every word of the query must match the title, type,
 * category or a tag, as a substring (best) or as letters in order (e.g. "dnl" finds "denoise_latents").
 * Results are ranked by how well the words matched, then by title.
 */
import type { NodeSchema } from "./nodeSchema";

/** Score of one word against one text: higher is better, 0 is no match. */
function wordScore(word: string, haystack: string): number {
  const text = haystack.toLowerCase();
  if (text === word) return 100;
  if (text.startsWith(word)) return 80;
  const at = text.indexOf(word);
  if (at > 0) return /[\s_\-/(]/.test(text[at - 1] ?? "") ? 60 : 40;
  let from = 0;
  for (const char of word) {
    const found = text.indexOf(char, from);
    if (found < 0) return 0;
    from = found + 1;
  }
  return 10;
}

const WEIGHTS: [keyof Pick<NodeSchema, "title" | "type" | "category">, number][] = [
  ["title", 1.5],
  ["type", 1.2],
  ["category", 0.8],
];

function schemaScore(words: string[], schema: NodeSchema): number {
  let total = 0;
  for (const word of words) {
    let best = 0;
    for (const [key, weight] of WEIGHTS) best = Math.max(best, wordScore(word, schema[key]) * weight);
    for (const tag of schema.tags) best = Math.max(best, wordScore(word, tag));
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

/** The node types matching `query`, best first (all of them, by title, for an empty query). */
export function searchNodes(schemas: Iterable<NodeSchema>, query: string): NodeSchema[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored = [...schemas]
    .map((schema) => ({ schema, score: words.length === 0 ? 1 : schemaScore(words, schema) }))
    .filter(({ score }) => score > 0);
  scored.sort((a, b) => b.score - a.score || a.schema.title.localeCompare(b.schema.title));
  return scored.map(({ schema }) => schema);
}
