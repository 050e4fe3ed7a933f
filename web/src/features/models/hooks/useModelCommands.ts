/** Model commands: edit, delete, install (source, scan, starters), cancel and forget install jobs. */
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";
import { upsertJob } from "../lib/jobs";

function failed(title: string) {
  return (error: unknown) => notifications.show({ color: "red", title, message: describeError(error) });
}

export function useModelCommands() {
  const queryClient = useQueryClient();
  const addJobs = (jobs: Schemas["InstallJob"][]) => {
    for (const job of jobs)
      queryClient.setQueryData<Schemas["InstallJob"][]>(queryKeys.modelJobs, (list) => upsertJob(list, job));
  };
  const update = useMutation({
    mutationFn: ({ key, changes }: { key: string; changes: Schemas["ModelRecordChanges"] }) =>
      call(api.PATCH("/api/v1/models/{key}", { params: { path: { key } }, body: changes })),
    onSuccess: (model) => notifications.show({ message: `Saved ${model.name}`, autoClose: 2000 }),
  });
  const remove = useMutation({
    mutationFn: (key: string) => call(api.DELETE("/api/v1/models/{key}", { params: { path: { key } } })),
    onSuccess: (model) => notifications.show({ message: `Removed ${model.name}`, autoClose: 2500 }),
    onError: failed("Could not remove the model"),
  });
  const install = useMutation({
    mutationFn: (request: Schemas["InstallRequest"]) => call(api.POST("/api/v1/models/install", { body: request })),
    onSuccess: (job) => addJobs([job]),
  });
  const scan = useMutation({
    mutationFn: (path: string) => call(api.POST("/api/v1/models/scan", { body: { path } })),
  });
  const installScanned = useMutation({
    mutationFn: (request: Schemas["ScanInstallRequest"]) =>
      call(api.POST("/api/v1/models/scan/install", { body: request })),
    onSuccess: addJobs,
    onError: failed("Could not install"),
  });
  const installStarters = useMutation({
    mutationFn: (ids: string[]) =>
      call(api.POST("/api/v1/models/starters/install", { body: { ids, dependencies: true } })),
    onSuccess: (jobs) => {
      addJobs(jobs);
      void queryClient.invalidateQueries({ queryKey: queryKeys.starters });
    },
    onError: failed("Could not install the starter model"),
  });
  const cancelJob = useMutation({
    mutationFn: (id: string) =>
      call(api.POST("/api/v1/models/jobs/{job_id}/cancel", { params: { path: { job_id: id } } })),
    onSuccess: (job) => addJobs([job]),
    onError: failed("Could not cancel the install"),
  });
  const pruneJobs = useMutation({
    mutationFn: () => call(api.POST("/api/v1/models/jobs/prune")),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.modelJobs }),
    onError: failed("Could not clear the finished installs"),
  });
  return { update, remove, install, scan, installScanned, installStarters, cancelJob, pruneJobs };
}
