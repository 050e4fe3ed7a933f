/**
 * Workflows dropped onto the page: a workflow JSON file, or an image that carries one (Impasto writes the
 * editor's workflow into the images it makes). Pure parts here; the drop handler posts the workflow to the
 * import route and opens what it answers in the Workflows tab.
 */

/** The chunk an Impasto image keeps its editor workflow in. */
export const WORKFLOW_CHUNK = "impasto_workflow";

export type DroppedKind = "workflow" | "image" | null;

/** What a dropped file is to the page: a workflow file, an image (maybe carrying one), or neither. */
export function droppedKind(file: Pick<File, "name" | "type">): DroppedKind {
  if (file.type === "application/json" || file.name.toLowerCase().endsWith(".json")) return "workflow";
  if (["image/png", "image/jpeg", "image/webp"].includes(file.type)) return "image";
  return null;
}

/** The first dropped file that the page takes (a workflow file before an image), if any. */
export function firstDropped(files: ArrayLike<File>): File | null {
  const all = Array.from(files);
  return all.find((file) => droppedKind(file) === "workflow") ?? all.find((file) => droppedKind(file) !== null) ?? null;
}

/** Parses a workflow file's text: an object, or an error that says why not. */
export function parseWorkflowText(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("a workflow file holds one JSON object");
  return value as Record<string, unknown>;
}

/** The workflow an image's metadata chunks carry, or null when it carries none. */
export function workflowInChunks(chunks: Record<string, string>): Record<string, unknown> | null {
  const text = chunks[WORKFLOW_CHUNK];
  return text ? parseWorkflowText(text) : null;
}

/** What an import made: the stored workflow, and the importer's notes about what it changed (if any). */
export interface ImportOutcome {
  id: string;
  name: string;
  notes: string[];
}

/**
 * Reads the import route's answer. Today it is the stored record; an answer shaped `{workflow, report}`
 * (an import that converts other formats and says what it did) is read too, its report's messages as notes.
 */
export function importOutcome(answer: unknown): ImportOutcome {
  const body = answer as { id?: unknown; name?: unknown; workflow?: unknown; report?: unknown };
  const record = (body.report !== undefined && typeof body.workflow === "object" ? body.workflow : body) as {
    id?: unknown;
    name?: unknown;
  };
  if (typeof record.id !== "string") throw new Error("the server's answer names no workflow");
  return {
    id: record.id,
    name: typeof record.name === "string" ? record.name : record.id,
    notes: reportNotes(body.report),
  };
}

function reportNotes(report: unknown): string[] {
  if (!report || typeof report !== "object") return [];
  const entries = Object.values(report).flatMap((value) => (Array.isArray(value) ? value : []));
  return entries.map((entry) =>
    typeof entry === "string"
      ? entry
      : typeof entry === "object" && entry && "message" in entry
        ? String(entry.message)
        : JSON.stringify(entry),
  );
}
