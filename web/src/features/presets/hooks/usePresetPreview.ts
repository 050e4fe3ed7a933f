/**
 * The current Generate prompts styled by the preset being edited: by the server (`/apply`) for a saved
 * preset as it is stored, else by the same rule applied here to the unsaved templates.
 */
import { useQuery } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import type { PresetDraft, StylePreset } from "../lib/draft";
import { applyStyle, type Styled } from "../lib/templates";

export interface PresetPreview extends Styled {
  prompt: string;
  negativePrompt: string;
}

export function usePresetPreview(preset: StylePreset | null, draft: PresetDraft, dirty: boolean): PresetPreview {
  const prompt = useGenerateStore((state) => state.prompt);
  const negativePrompt = useGenerateStore((state) => state.negativePrompt);
  const saved = preset !== null && !dirty;
  const id = preset?.id ?? "";
  const applied = useQuery({
    queryKey: queryKeys.presetApply(id, preset?.updated_at ?? "", prompt, negativePrompt),
    queryFn: () =>
      call(
        api.POST("/api/v1/style_presets/{preset_id}/apply", {
          params: { path: { preset_id: id } },
          body: { prompt, negative_prompt: negativePrompt },
        }),
      ),
    enabled: saved,
    staleTime: 60_000,
  });
  const styled =
    saved && applied.data
      ? { positive: applied.data.positive_prompt, negative: applied.data.negative_prompt }
      : applyStyle(draft, prompt, negativePrompt);
  return { ...styled, prompt, negativePrompt };
}
