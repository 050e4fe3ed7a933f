/**
 * The scheduler choices, read from the `denoise_latents` node's description (`GET /api/v1/nodes/...`),
 * which lists every scheduler the server knows with its label. That endpoint is untyped JSON, so it is
 * read defensively here.
 */
import { isRecord } from "@/api/errors";
import { type Family, isFlowFamily } from "./family";

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

/**
 * The schedulers of flow-matching models (FLUX, SD 3.5): the server builds a flow-matching variant of
 * each of these and refuses the others for those models.
 */
export const FLOW_SCHEDULERS: readonly string[] = ["euler", "heun", "lcm"];
export const DEFAULT_FLOW_SCHEDULER = "euler";

/** The choices for a family: all of them for Stable Diffusion, the flow ones the server lists otherwise. */
export function schedulersFor(family: Family, choices: Choice[]): Choice[] {
  if (!isFlowFamily(family)) return choices;
  const offered = choices.filter((choice) => FLOW_SCHEDULERS.includes(choice.value));
  return offered.length ? offered : [{ value: DEFAULT_FLOW_SCHEDULER, label: "Euler" }];
}

/** The scheduler kept on a switch to `family`: the same, unless a flow model cannot use it. */
export function fitScheduler(scheduler: string, family: Family): string {
  return !isFlowFamily(family) || FLOW_SCHEDULERS.includes(scheduler) ? scheduler : DEFAULT_FLOW_SCHEDULER;
}
