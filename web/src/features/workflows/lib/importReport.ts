/**
 * What to tell the user after an import: where the workflow came from and what of it was left out
 * (the server's report lists every node, field, edge and form element it could not map, with the reason).
 */
import type { Schemas } from "@/api/client";

export type ImportReport = Schemas["ImportReport"];
type ImportProblem = Schemas["ImportProblem"];

const SHOWN = 4;

/** One line per problem: the reason, and what it concerns. */
export function describeProblem(problem: ImportProblem): string {
  const where = problem.edge ?? [problem.node_id, problem.field].filter(Boolean).join(".");
  const element = problem.element_id && !where ? problem.element_id : "";
  const subject = where || element;
  return subject ? `${subject}: ${problem.reason}` : problem.reason;
}

/** The notification for an imported workflow: green when everything came over, yellow with the first
 * few problems (and how many more) otherwise. */
export function importSummary(name: string, report: ImportReport): { color: string; title: string; message: string } {
  const from = report.source === "invokeai" ? " from InvokeAI" : "";
  const problems = report.problems ?? [];
  if (problems.length === 0) {
    return { color: "green", title: "Workflow imported", message: `Imported “${name}”${from}.` };
  }
  const lines = problems.slice(0, SHOWN).map(describeProblem);
  if (problems.length > SHOWN) lines.push(`…and ${problems.length - SHOWN} more.`);
  const count = problems.length === 1 ? "1 thing was" : `${problems.length} things were`;
  return {
    color: "yellow",
    title: `Imported “${name}”${from}; ${count} left out`,
    message: lines.join("\n"),
  };
}

/** Whether a picked file is an image (its workflow is read from its metadata) rather than a JSON file. */
export function isImageFile(file: { name: string; type: string }): boolean {
  return file.type.startsWith("image/") || /\.(png|jpe?g|webp)$/i.test(file.name);
}
