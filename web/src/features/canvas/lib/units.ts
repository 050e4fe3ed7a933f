/**
 * The request fields the canvas's guidance layers add (README "Canvas generations"): each regional
 * guidance layer with paint in the box is a `regions` entry (its mask uploaded, white = the region), each
 * control layer with paint there a ControlNet or T2I-Adapter unit reading the layer's pixels over the box,
 * and the document's reference images the `reference_images`. On the canvas these replace the Generate
 * form's own control units and reference images, which its panel does not show there.
 */
import type { Schemas } from "@/api/client";
import type { FamilyControls } from "@/features/generate/lib/family";
import { referenceRequest } from "@/features/generate/lib/referenceImages";
import type { CanvasDocument, ControlLayer, RegionalGuidanceLayer } from "./document";

type GenerateRequest = Schemas["GenerateRequest"];

/** A layer and the stored image made of its pixels in the box (a region's mask, a control image). */
export interface Uploaded<L> {
  layer: L;
  image: string;
}

export interface CanvasUnits {
  regions: Uploaded<RegionalGuidanceLayer>[];
  controls: Uploaded<ControlLayer>[];
}

/** The visible layers of a kind, bottom first: those an invocation reads. */
export function guidanceLayers(doc: CanvasDocument): {
  regions: RegionalGuidanceLayer[];
  controls: ControlLayer[];
} {
  const visible = doc.layers.filter((layer) => layer.visible);
  return {
    regions: visible.filter((layer): layer is RegionalGuidanceLayer => layer.kind === "regional_guidance"),
    controls: visible.filter((layer): layer is ControlLayer => layer.kind === "control"),
  };
}

function regionRequest(
  { layer, image }: Uploaded<RegionalGuidanceLayer>,
  controls: FamilyControls,
): Schemas["RegionRequest"] {
  const kind = controls.referenceImages;
  return {
    mask: image,
    prompt: layer.prompt,
    negative_prompt: controls.negativePrompt ? layer.negativePrompt : "",
    auto_negative: layer.autoNegative,
    reference_images: kind ? layer.referenceImages.map((unit) => referenceRequest(unit, kind)) : [],
  };
}

/** A control layer's unit; a missing model is sent empty, so the server's error names it. */
function controlRequest({ layer, image }: Uploaded<ControlLayer>) {
  return {
    model: layer.model ?? "",
    image,
    preprocessor: "none" as const, // a filter is applied to the layer's pixels before they are sent
    preprocessor_options: {},
    weight: layer.weight,
    begin: layer.begin,
    end: layer.end,
    resize_mode: "just_resize" as const,
  };
}

/**
 * The guidance fields of a canvas request: regions, control units (Stable Diffusion only, as the
 * Generate form) and reference images (IP-Adapters, FLUX Redux, none for SD 3.5).
 */
export function unitFields(
  doc: CanvasDocument,
  units: CanvasUnits,
  controls: FamilyControls,
): Partial<GenerateRequest> {
  const kind = controls.referenceImages;
  const sd = controls.sdOnly;
  const controlnets = units.controls.filter((unit) => unit.layer.control === "controlnet");
  const adapters = units.controls.filter((unit) => unit.layer.control === "t2i_adapter");
  return {
    regions: units.regions.map((unit) => regionRequest(unit, controls)),
    controlnets: sd
      ? controlnets.map((unit) => ({ ...controlRequest(unit), control_mode: unit.layer.controlMode }))
      : [],
    t2i_adapters: sd ? adapters.map(controlRequest) : [],
    reference_images: kind ? doc.referenceImages.map((unit) => referenceRequest(unit, kind)) : [],
  };
}
