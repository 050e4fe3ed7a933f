/** Custom node packs on the server: their state, and install, remove and reload. */
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, postForm, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";

export type PackStatus = Schemas["PackStatus"];
export type PackInfo = Schemas["PackInfo"];

export function usePackStatus(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.nodePacks,
    queryFn: () => call(api.GET("/api/v1/nodes/packs/status")),
    enabled,
  });
}

function fail(title: string) {
  return (error: unknown) =>
    notifications.show({ color: "red", title, message: describeError(error), autoClose: 15_000 });
}

/** Each command refreshes the node types too (`["nodes"]` covers the packs and the schemas). */
export function useNodePackCommands() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.nodes });
  const reload = useMutation({
    mutationFn: () => call(api.POST("/api/v1/nodes/packs/reload")),
    onSuccess: (state) => notifications.show({ color: "green", message: state.message }),
    onError: fail("Could not reload the node packs"),
    onSettled: refresh,
  });
  const installed = (pack: PackInfo) => {
    notifications.show({ color: "green", message: `Installed ${pack.name}; loading it…` });
    reload.mutate();
  };
  const installGit = useMutation({
    mutationFn: (body: { url: string; name: string | null }) => call(api.POST("/api/v1/nodes/packs/git", { body })),
    onSuccess: installed,
    onError: fail("Could not install the pack"),
  });
  const installZip = useMutation({
    mutationFn: ({ file, name }: { file: File; name: string }) => {
      const form = new FormData();
      form.append("file", file);
      form.append("name", name);
      return postForm<PackInfo>("/api/v1/nodes/packs/zip", form);
    },
    onSuccess: installed,
    onError: fail("Could not install the pack"),
  });
  const uninstall = useMutation({
    mutationFn: (name: string) => call(api.DELETE("/api/v1/nodes/packs/{name}", { params: { path: { name } } })),
    onSuccess: () => reload.mutate(),
    onError: fail("Could not remove the pack"),
  });
  return { reload, installGit, installZip, uninstall };
}
