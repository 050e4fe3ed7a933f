/**
 * The scheduler choices, read from the `denoise_latents` node's description (`GET /api/v1/nodes/...`),
 * which lists every scheduler the server knows with its label. That endpoint is untyped JSON, so it is
 * read defensively here.
 */
import { isRecord } from "@/api/errors";

export interface Choice {
  value: string;
  label: string;
}

export function schedulerChoices(node: unknown): Choice[] {
  if (!isRecord(node) || !isRecord(node.inputs)) return [];
  const scheduler = node.inputs.scheduler;
  if (!isRecord(scheduler) || !isRecord(scheduler.ui) || !isRecord(scheduler.ui.choice_labels)) return [];
  return Object.entries(scheduler.ui.choice_labels).map(([value, label]) => ({ value, label: String(label) }));
}
