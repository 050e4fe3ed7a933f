/** Preset commands: create, change, delete, export and import; each keeps the cached list current. */
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";
import { saveBlob } from "@/common/lib/files";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { withoutPreset, withPreset } from "../lib/cache";
import type { StylePreset, StylePresetChanges, StylePresetFields } from "../lib/draft";
import { presetProblems } from "../lib/errors";
import { EXPORT_FILENAME, type ImportRequest, importSummary, presetCount } from "../lib/transfer";

type PresetList = Schemas["StylePresetList"];

function failed(title: string, onlyGeneral = false) {
  return (error: unknown) => {
    // Field problems are shown next to their fields by the editor.
    if (onlyGeneral && !presetProblems(error).general) return;
    notifications.show({ color: "red", title, message: describeError(error) });
  };
}

const done = (message: string) => notifications.show({ message, autoClose: 2500 });

export function usePresetCommands() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.presets });
  const store = (preset: StylePreset) => {
    queryClient.setQueryData<PresetList>(queryKeys.presets, (list) => withPreset(list, preset));
    void refresh();
  };
  const create = useMutation({
    mutationFn: (body: StylePresetFields) => call(api.POST("/api/v1/style_presets", { body })),
    onSuccess: (preset) => {
      store(preset);
      done(`Created ${preset.name}`);
    },
    onError: failed("Could not create the preset", true),
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: StylePresetChanges }) =>
      call(api.PATCH("/api/v1/style_presets/{preset_id}", { params: { path: { preset_id: id } }, body: changes })),
    onSuccess: (preset) => {
      store(preset);
      done(`Saved ${preset.name}`);
    },
    onError: failed("Could not save the preset", true),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(api.DELETE("/api/v1/style_presets/{preset_id}", { params: { path: { preset_id: id } } })),
    onSuccess: (preset) => {
      queryClient.setQueryData<PresetList>(queryKeys.presets, (list) => withoutPreset(list, preset.id));
      void refresh();
      // Generating with a preset that is gone would fail: the picker lets go of it.
      const generate = useGenerateStore.getState();
      if (generate.stylePreset === preset.id) generate.update({ stylePreset: null });
      done(`Deleted ${preset.name}`);
    },
    onError: failed("Could not delete the preset"),
  });
  const exportPresets = useMutation({
    mutationFn: () => call(api.GET("/api/v1/style_presets/export")),
    onSuccess: (data) => {
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), EXPORT_FILENAME);
      done(`Exported ${presetCount(data.style_presets.length)}`);
    },
    onError: failed("Could not export the presets"),
  });
  const importPresets = useMutation({
    mutationFn: (request: ImportRequest) => call(api.POST("/api/v1/style_presets/import", { body: request })),
    onSuccess: (result) => {
      void refresh();
      done(importSummary(result));
    },
    onError: failed("Could not import the presets"),
  });
  return { create, update, remove, exportPresets, importPresets };
}
