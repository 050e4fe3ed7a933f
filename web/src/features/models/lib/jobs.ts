/** Install jobs in the cache: progress events patch the list in place instead of refetching it. */
import type { Schemas } from "@/api/client";

type InstallJob = Schemas["InstallJob"];

/**
 * The list with `job` replacing its older self, or added at the front (the list is newest first). A
 * copy older than the one held is ignored: an HTTP answer can arrive after the events of a fast job.
 */
export function upsertJob(jobs: InstallJob[] | undefined, job: InstallJob): InstallJob[] {
  const list = jobs ?? [];
  const index = list.findIndex((existing) => existing.id === job.id);
  if (index < 0) return [job, ...list];
  const existing = list[index];
  if (existing && Date.parse(existing.updated_at) > Date.parse(job.updated_at)) return list;
  const copy = [...list];
  copy[index] = job;
  return copy;
}

export const ACTIVE_STATES: ReadonlySet<string> = new Set(["waiting", "downloading", "running"]);

export function isActive(job: Pick<InstallJob, "state">): boolean {
  return ACTIVE_STATES.has(job.state);
}

/** Progress of a job in percent, when it can be told. */
export function jobPercent(
  job: Pick<InstallJob, "percentage" | "bytes_done" | "bytes_total" | "state">,
): number | null {
  if (job.state === "completed") return 100;
  if (job.percentage !== null && job.percentage !== undefined) return job.percentage;
  if (job.bytes_total) return Math.min(100, (100 * job.bytes_done) / job.bytes_total);
  return null;
}
