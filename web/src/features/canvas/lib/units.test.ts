import { describe, expect, it } from "vitest";
import { familyControls } from "@/features/generate/lib/family";
import { newReferenceUnit } from "@/features/generate/lib/referenceImages";
import { modelRecord } from "@/features/generate/lib/testModels";
import {
  addLayer,
  type ControlLayer,
  emptyDocument,
  newControlLayer,
  newRasterLayer,
  newRegionLayer,
  type RegionalGuidanceLayer,
} from "./document";
import { guidanceLayers, unitFields } from "./units";

const SD = familyControls(modelRecord({ key: "sd", name: "SD" }), 7);
const FLUX = familyControls(modelRecord({ key: "flux", name: "FLUX", base: "flux", variant: "dev" }), 1);

function region(prompt: string, id: string): RegionalGuidanceLayer {
  return { ...newRegionLayer(emptyDocument(), id, id), prompt, negativePrompt: "blurry", autoNegative: true };
}

function control(kind: ControlLayer["control"], id: string): ControlLayer {
  return { ...newControlLayer(id, kind, id), model: `${kind}-model`, weight: 0.6, begin: 0.1, end: 0.9 };
}

describe("canvas guidance units", () => {
  it("takes the visible regional and control layers, bottom first", () => {
    let doc = emptyDocument();
    for (const layer of [region("a", "r1"), newRasterLayer("x", "x"), control("controlnet", "c1"), region("b", "r2")])
      doc = addLayer(doc, layer);
    doc = { ...doc, layers: doc.layers.map((layer) => (layer.id === "r2" ? { ...layer, visible: false } : layer)) };
    const { regions, controls } = guidanceLayers(doc);
    expect(regions.map((layer) => layer.id)).toEqual(["r1"]);
    expect(controls.map((layer) => layer.id)).toEqual(["c1"]);
  });

  it("sends each region with its mask, prompts and reference images", () => {
    const reference = { ...newReferenceUnit("ref.png"), model: "adapter", weight: 0.5, method: "style" as const };
    const layer = { ...region("a red circle", "r1"), referenceImages: [reference] };
    const fields = unitFields(emptyDocument(), { regions: [{ layer, image: "mask.png" }], controls: [] }, SD);
    expect(fields.regions).toEqual([
      {
        mask: "mask.png",
        prompt: "a red circle",
        negative_prompt: "blurry",
        auto_negative: true,
        reference_images: [{ image: "ref.png", model: "adapter", weight: 0.5, begin: 0, end: 1, method: "style" }],
      },
    ]);
  });

  it("sends control layers as ControlNet and T2I-Adapter units for Stable Diffusion only", () => {
    const units = {
      regions: [],
      controls: [
        { layer: { ...control("controlnet", "c1"), controlMode: "more_control" as const }, image: "c1.png" },
        { layer: control("t2i_adapter", "c2"), image: "c2.png" },
      ],
    };
    const fields = unitFields(emptyDocument(), units, SD);
    const common = { preprocessor: "none", preprocessor_options: {}, weight: 0.6, begin: 0.1, end: 0.9 };
    expect(fields.controlnets).toEqual([
      {
        ...common,
        model: "controlnet-model",
        image: "c1.png",
        resize_mode: "just_resize",
        control_mode: "more_control",
      },
    ]);
    expect(fields.t2i_adapters).toEqual([
      { ...common, model: "t2i_adapter-model", image: "c2.png", resize_mode: "just_resize" },
    ]);
    expect(unitFields(emptyDocument(), units, FLUX)).toMatchObject({ controlnets: [], t2i_adapters: [] });
  });

  it("sends the document's reference images in the family's form, and FLUX regions without negatives", () => {
    const unit = { ...newReferenceUnit("ref.png"), model: "redux", weight: 1.5, imageInfluence: "low" as const };
    const doc = { ...emptyDocument(), referenceImages: [unit] };
    const flux = unitFields(doc, { regions: [{ layer: region("sky", "r"), image: "m.png" }], controls: [] }, FLUX);
    expect(flux.reference_images).toEqual([
      { image: "ref.png", model: "redux", weight: 1, begin: 0, end: 1, method: "full", image_influence: "low" },
    ]);
    expect(flux.regions?.[0]?.negative_prompt).toBe("");
    const sd3 = familyControls(modelRecord({ key: "sd3", name: "SD3", base: "sd-3" }), 5);
    expect(unitFields(doc, { regions: [], controls: [] }, sd3).reference_images).toEqual([]);
  });
});
