import { Select, Slider, Stack, Switch, Text, Textarea } from "@mantine/core";
import { useMemo } from "react";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { CREATIVE_BASES } from "../lib/request";
import { useUpscaleStore } from "../store/upscaleStore";
import { CreativeSampling } from "./CreativeSampling";
import { CreativeTiles } from "./CreativeTiles";

/**
 * The creative upscale: a main model redraws the enlargement in tiles, adding detail the prompt describes;
 * an optional ControlNet tile model keeps the composition (its weight is the structure). Its sampling and
 * tile settings follow.
 */
export function CreativeSettings() {
  const form = useUpscaleStore();
  const { ofType } = useInstalledModels();
  const mains = useMemo(() => ofType("main").filter((model) => CREATIVE_BASES.includes(model.base)), [ofType]);
  const base = mains.find((model) => model.key === form.mainModel)?.base;
  const tiles = useMemo(() => ofType("controlnet").filter((model) => model.base === base), [ofType, base]);
  const { problems, update } = form;
  return (
    <Stack gap="xs">
      <Switch
        label="Creative"
        description="Let a Stable Diffusion model redraw the enlargement, inventing fine detail."
        checked={form.creative}
        onChange={(event) => update({ creative: event.currentTarget.checked })}
        data-testid="upscale-creative"
      />
      {form.creative && (
        <>
          <Select
            label="Main model"
            data={mains.map((model) => ({ value: model.key, label: `${model.name} (${model.base})` }))}
            value={form.mainModel}
            onChange={(key) => update({ mainModel: key, tileControlnet: null })}
            searchable
            placeholder="An SD 1.x, 2.x or SDXL model"
            error={problems.mainModel}
            data-testid="upscale-main-model"
          />
          <Textarea
            label="Prompt"
            autosize
            minRows={2}
            value={form.prompt}
            onChange={(event) => update({ prompt: event.currentTarget.value })}
            error={problems.prompt}
            data-testid="upscale-prompt"
          />
          <Textarea
            label="Negative prompt"
            autosize
            minRows={1}
            value={form.negativePrompt}
            onChange={(event) => update({ negativePrompt: event.currentTarget.value })}
            data-testid="upscale-negative-prompt"
          />
          <Text size="sm">Creativity</Text>
          <Slider
            min={0}
            max={1}
            step={0.05}
            value={form.creativity}
            onChange={(value) => update({ creativity: value })}
            data-testid="upscale-creativity"
          />
          {problems.creativity && (
            <Text size="xs" c="red" data-problem>
              {problems.creativity}
            </Text>
          )}
          <Select
            label="Tile ControlNet"
            description="Holds each tile to the enlargement; without one, only creativity limits the change."
            data={tiles.map((model) => ({ value: model.key, label: model.name }))}
            value={form.tileControlnet}
            onChange={(key) => update({ tileControlnet: key })}
            clearable
            placeholder={tiles.length ? "None" : "No ControlNet for this model"}
            error={problems.tileControlnet}
            data-testid="upscale-tile-controlnet"
          />
          {form.tileControlnet && (
            <>
              <Text size="sm">Structure</Text>
              <Slider
                min={0}
                max={2}
                step={0.05}
                value={form.structure}
                onChange={(value) => update({ structure: value })}
                data-testid="upscale-structure"
              />
            </>
          )}
          <CreativeSampling />
          <CreativeTiles base={base} />
        </>
      )}
    </Stack>
  );
}
