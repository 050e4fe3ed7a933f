/** Server data the Generate tab reads: schedulers, style presets and the dynamic-prompt preview. */
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { hasDynamicSyntax } from "../lib/promptTokens";
import { schedulerChoices } from "../lib/schedulers";

export function useSchedulers() {
  return useQuery({
    queryKey: queryKeys.node("denoise_latents"),
    queryFn: () => call(api.GET("/api/v1/nodes/{node_type}", { params: { path: { node_type: "denoise_latents" } } })),
    select: schedulerChoices,
    staleTime: Infinity,
  });
}

export function useStylePresets() {
  return useQuery({ queryKey: queryKeys.presets, queryFn: () => call(api.GET("/api/v1/style_presets")) });
}

export const PREVIEW_LIMIT = 100;

/** The expansions of a dynamic prompt, fetched a moment after typing stops (only when it uses the syntax). */
export function useDynamicPreview(prompt: string, enabled: boolean) {
  const [debounced] = useDebouncedValue(prompt, 350);
  const active = enabled && hasDynamicSyntax(debounced);
  return useQuery({
    queryKey: queryKeys.dynamicPrompt(debounced, PREVIEW_LIMIT),
    queryFn: () =>
      call(
        api.POST("/api/v1/prompts/dynamic", {
          body: { prompt: debounced, max_prompts: PREVIEW_LIMIT, combinatorial: true, seed: null },
        }),
      ),
    enabled: active,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
