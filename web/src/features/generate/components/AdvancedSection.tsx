import { Group, NumberInput, Select, Stack, Switch, Text } from "@mantine/core";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { enlarges } from "@/features/upscale/lib/scale";
import { useFamily } from "../hooks/useFamily";
import { sdOnlyHint } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";

const LATENT = "latent";

/**
 * Less frequent settings: CLIP skip, CFG rescale, seamless tiling and the high-resolution fix (CLIP skip
 * and seamless tiling for Stable Diffusion models only).
 */
export function AdvancedSection() {
  const state = useGenerateStore();
  const { model, controls } = useFamily();
  const p = state.problems;
  const hires = state.hiresFix;
  const { models } = useInstalledModels();
  const upscalers = models
    .filter((model) => model.type === "upscaler" && enlarges(model.details))
    .sort((a, b) => a.name.localeCompare(b.name));
  const upscaler = hires.upscaler && upscalers.some((model) => model.key === hires.upscaler) ? hires.upscaler : LATENT;
  return (
    <Stack gap="xs">
      <Group grow gap="xs" align="flex-start">
        {controls.sdOnly && (
          <NumberInput
            label="CLIP skip"
            min={0}
            max={24}
            value={state.clipSkip}
            onChange={(v) => typeof v === "number" && state.update({ clipSkip: v })}
            error={p.clipSkip}
            allowDecimal={false}
            data-testid="clip-skip-input"
          />
        )}
        <NumberInput
          label="CFG rescale"
          min={0}
          max={0.99}
          step={0.05}
          decimalScale={2}
          value={state.cfgRescale}
          onChange={(v) => typeof v === "number" && state.update({ cfgRescale: v })}
          error={p.cfgRescale}
        />
      </Group>
      {controls.sdOnly ? (
        <Group gap="md">
          <Switch
            label="Seamless X"
            checked={state.seamlessX}
            onChange={(e) => state.update({ seamlessX: e.currentTarget.checked })}
            data-testid="seamless-x"
          />
          <Switch
            label="Seamless Y"
            checked={state.seamlessY}
            onChange={(e) => state.update({ seamlessY: e.currentTarget.checked })}
          />
        </Group>
      ) : (
        <Text size="xs" c="dimmed" data-testid="sd-only-advanced">
          {sdOnlyHint(model?.base, "CLIP skip and seamless tiling")}
        </Text>
      )}
      {p.seamless && (
        <Text size="xs" c="red" data-problem>
          {p.seamless}
        </Text>
      )}
      <Switch
        label="High-resolution fix (text to image: generate, upscale, refine)"
        checked={hires.enabled}
        onChange={(e) => state.update({ hiresFix: { ...hires, enabled: e.currentTarget.checked } })}
      />
      {hires.enabled && (
        <Group grow gap="xs">
          <NumberInput
            label="Scale"
            min={1.05}
            max={4}
            step={0.25}
            decimalScale={2}
            value={hires.scale}
            onChange={(v) => typeof v === "number" && state.update({ hiresFix: { ...hires, scale: v } })}
          />
          <NumberInput
            label="Strength"
            min={0.01}
            max={1}
            step={0.05}
            decimalScale={2}
            value={hires.strength}
            onChange={(v) => typeof v === "number" && state.update({ hiresFix: { ...hires, strength: v } })}
          />
        </Group>
      )}
      {hires.enabled && (
        <Select
          label="Upscaler"
          description="How the first pass is enlarged: its latents (fast, soft) or an upscaler model (sharper)"
          data={[
            { value: LATENT, label: "Latent (bicubic)" },
            ...upscalers.map((model) => ({ value: model.key, label: model.name })),
          ]}
          value={upscaler}
          onChange={(key) => state.update({ hiresFix: { ...hires, upscaler: key && key !== LATENT ? key : null } })}
          allowDeselect={false}
          data-testid="hires-upscaler"
        />
      )}
      {p.hiresFix && (
        <Text size="xs" c="red" data-problem>
          {p.hiresFix}
        </Text>
      )}
    </Stack>
  );
}
