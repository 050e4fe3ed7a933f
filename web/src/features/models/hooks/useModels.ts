/** Installed models, install jobs and starters, from the server (refreshed by model events). */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { api, call, type Schemas } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";

export type ModelRecord = Schemas["ModelRecord"];
export type ModelType = Schemas["ModelType"];

export const fetchModelList = () => call(api.GET("/api/v1/models"));

export function useModelList() {
  return useQuery({ queryKey: queryKeys.modelList, queryFn: fetchModelList });
}

/** Installed models with lookups; `models` is empty while loading. */
export function useInstalledModels() {
  const query = useModelList();
  const models = useMemo(() => query.data?.models ?? [], [query.data]);
  const byKey = useMemo(() => new Map(models.map((model) => [model.key, model])), [models]);
  const ofType = useCallback((type: ModelType) => models.filter((model) => model.type === type), [models]);
  return {
    models,
    byKey,
    ofType,
    defaultKey: query.data?.default_key ?? null,
    isLoading: query.isLoading,
    error: query.error,
  };
}

/** A function that returns the installed models, from the cache or the server. */
export function useModelsLoader(): () => Promise<ModelRecord[]> {
  const queryClient = useQueryClient();
  return useCallback(
    async () => (await queryClient.fetchQuery({ queryKey: queryKeys.modelList, queryFn: fetchModelList })).models,
    [queryClient],
  );
}

export function useInstallJobs() {
  return useQuery({
    queryKey: queryKeys.modelJobs,
    queryFn: () => call(api.GET("/api/v1/models/jobs", { params: { query: { limit: 100 } } })),
  });
}

export function useStarters() {
  return useQuery({ queryKey: queryKeys.starters, queryFn: () => call(api.GET("/api/v1/models/starters")) });
}

/** Compatible with a main model's base: the same base, or a part made for any base. */
export function compatibleWith(model: ModelRecord | undefined, base: string | undefined): boolean {
  return !!model && (base === undefined || model.base === base || model.base === "any");
}
