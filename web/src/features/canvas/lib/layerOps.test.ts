import { describe, expect, it } from "vitest";
import {
  addLayer,
  type CanvasDocument,
  emptyDocument,
  newControlLayer,
  newMaskLayer,
  newRasterLayer,
  newRegionLayer,
  type RegionalGuidanceLayer,
  updateLayer,
} from "./document";
import { copyOfLayer, dropLayer, insertAbove, mergedDocument, moveLayer, moveLayerTo, planMergeDown } from "./layerOps";

function threeLayers(): CanvasDocument {
  let doc = emptyDocument();
  for (const id of ["a", "b", "c"]) doc = addLayer(doc, newRasterLayer(id, id));
  return doc;
}

const ids = (doc: CanvasDocument) => doc.layers.map((layer) => layer.id);

describe("layer order", () => {
  it("moves a layer up, down, to the top and to the bottom, and not past the ends", () => {
    const doc = threeLayers();
    expect(ids(moveLayer(doc, "a", "up"))).toEqual(["b", "a", "c"]);
    expect(ids(moveLayer(doc, "c", "down"))).toEqual(["a", "c", "b"]);
    expect(ids(moveLayer(doc, "a", "top"))).toEqual(["b", "c", "a"]);
    expect(ids(moveLayer(doc, "c", "bottom"))).toEqual(["c", "a", "b"]);
    expect(moveLayer(doc, "c", "up")).toBe(doc);
    expect(moveLayer(doc, "a", "bottom")).toBe(doc);
    expect(moveLayer(doc, "missing", "top")).toBe(doc);
    expect(ids(moveLayerTo(doc, "a", 99))).toEqual(["b", "c", "a"]);
  });

  it("drops a dragged layer above or below the row it lands on", () => {
    const doc = threeLayers();
    expect(ids(dropLayer(doc, "a", "c", true))).toEqual(["b", "c", "a"]);
    expect(ids(dropLayer(doc, "a", "c", false))).toEqual(["b", "a", "c"]);
    expect(ids(dropLayer(doc, "c", "a", false))).toEqual(["c", "a", "b"]);
    expect(ids(dropLayer(doc, "c", "a", true))).toEqual(["a", "c", "b"]);
    expect(dropLayer(doc, "b", "a", true)).toBe(doc); // already there
    expect(dropLayer(doc, "b", "b", true)).toBe(doc);
    expect(dropLayer(doc, "b", "missing", true)).toBe(doc);
  });
});

describe("duplicating", () => {
  it("copies the settings under a new id and name, without the stored image, just above and selected", () => {
    let doc = addLayer(emptyDocument(), newRegionLayer(emptyDocument(), "Region", "r"));
    doc = updateLayer<RegionalGuidanceLayer>(doc, "r", {
      opacity: 0.4,
      prompt: "a cat",
      bitmap: { image_name: "p.png", x: 0, y: 0, width: 2, height: 2 },
    });
    doc = addLayer(doc, newRasterLayer("top", "t"));
    const original = doc.layers[0];
    if (!original) throw new Error("no layer");
    const copy = copyOfLayer(original, "r2");
    expect(copy).toMatchObject({ id: "r2", name: "Region copy", opacity: 0.4, prompt: "a cat", bitmap: null });
    if (copy.kind !== "regional_guidance" || original.kind !== "regional_guidance") throw new Error("kind lost");
    expect(copy.referenceImages).not.toBe(original.referenceImages); // its own list to edit
    const next = insertAbove(doc, "r", copy);
    expect(ids(next)).toEqual(["r", "r2", "t"]);
    expect(next.selectedLayerId).toBe("r2");
  });
});

describe("merging down", () => {
  it("merges onto the layer below of the same kind, removing the upper and selecting the lower", () => {
    const doc = threeLayers();
    const plan = planMergeDown(doc, "b");
    expect(plan.ok && [plan.upper.id, plan.lower.id]).toEqual(["b", "a"]);
    const merged = mergedDocument(doc, "b", "a");
    expect(ids(merged)).toEqual(["a", "c"]);
    expect(merged.selectedLayerId).toBe("a");
  });

  it("refuses the bottom layer, another kind below, a locked layer and a hidden upper layer", () => {
    let doc = threeLayers();
    expect(planMergeDown(doc, "a")).toMatchObject({ ok: false, reason: expect.stringContaining("bottom layer") });
    doc = { ...doc, selectedLayerId: "a" };
    doc = addLayer(doc, newControlLayer("Control 1", "controlnet", "k"));
    const refused = planMergeDown(doc, "b");
    expect(refused).toEqual({
      ok: false,
      reason: "“Control 1” below is a control layer; a raster layer merges only onto another raster layer.",
    });
    expect(planMergeDown(updateLayer(threeLayers(), "a", { locked: true }), "b")).toMatchObject({
      reason: "“a” is locked: unlock it to merge.",
    });
    expect(planMergeDown(updateLayer(threeLayers(), "b", { visible: false }), "b")).toMatchObject({ ok: false });
    let masks = addLayer(emptyDocument(), newMaskLayer("m1", "m1"));
    masks = addLayer(masks, newMaskLayer("m2", "m2"));
    expect(planMergeDown(masks, "m2").ok).toBe(true);
    const region = addLayer(masks, newRegionLayer(masks, "R", "r"));
    expect(planMergeDown(region, "r")).toMatchObject({ ok: false, reason: expect.stringContaining("an inpaint mask") });
  });
});
