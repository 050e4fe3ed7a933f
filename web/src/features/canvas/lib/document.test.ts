import { describe, expect, it } from "vitest";
import {
  addLayer,
  emptyDocument,
  isBlank,
  newControlLayer,
  newMaskLayer,
  newRasterLayer,
  newRegionLayer,
  nextLayerName,
  parseDocument,
  removeLayer,
  updateLayer,
} from "./document";
import { newReferenceUnit } from "@/features/generate/lib/referenceImages";

function threeLayers() {
  let doc = emptyDocument();
  for (const id of ["a", "b", "c"]) doc = addLayer(doc, newRasterLayer(id, id));
  return doc;
}

describe("canvas document", () => {
  it("adds above the selected layer and selects the new one", () => {
    let doc = threeLayers();
    doc = { ...doc, selectedLayerId: "a" };
    doc = addLayer(doc, newMaskLayer("m", "m"));
    expect(doc.layers.map((layer) => layer.id)).toEqual(["a", "m", "b", "c"]);
    expect(doc.selectedLayerId).toBe("m");
  });

  it("removes a layer and selects its neighbour", () => {
    const doc = removeLayer({ ...threeLayers(), selectedLayerId: "c" }, "c");
    expect(doc.layers.map((layer) => layer.id)).toEqual(["a", "b"]);
    expect(doc.selectedLayerId).toBe("b");
    expect(removeLayer(doc, "missing")).toBe(doc);
  });

  it("updates one layer and names new ones after the free number", () => {
    const doc = updateLayer(threeLayers(), "b", { opacity: 0.5, name: "Raster 1" });
    expect(doc.layers.map((layer) => layer.opacity)).toEqual([1, 0.5, 1]);
    expect(nextLayerName(doc, "raster")).toBe("Raster 2");
    expect(nextLayerName(doc, "inpaint_mask")).toBe("Inpaint mask 1");
  });

  it("reads back what it saved and refuses other versions", () => {
    const doc = addLayer(threeLayers(), newMaskLayer("m", "m"));
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    expect(parseDocument({ ...doc, version: 2 })).toBeNull();
    expect(parseDocument("text")).toBeNull();
    const future = { ...doc, layers: [...doc.layers, { id: "r", kind: "future_kind" }] };
    expect(parseDocument(future)?.layers).toHaveLength(4);
  });

  it("keeps regional guidance and control layers, and reads documents saved before they existed", () => {
    let doc = emptyDocument();
    doc = addLayer(doc, newRegionLayer(doc, nextLayerName(doc, "regional_guidance"), "r1"));
    doc = addLayer(doc, newRegionLayer(doc, nextLayerName(doc, "regional_guidance"), "r2"));
    doc = addLayer(doc, newControlLayer(nextLayerName(doc, "control"), "t2i_adapter", "c"));
    expect(doc.layers.map((layer) => layer.name)).toEqual(["Regional guidance 1", "Regional guidance 2", "Control 1"]);
    const [first, second] = doc.layers;
    expect(first?.kind === "regional_guidance" && second?.kind === "regional_guidance").toBe(true);
    if (first?.kind === "regional_guidance" && second?.kind === "regional_guidance") {
      expect(first.color).not.toBe(second.color); // each region shows in a colour of its own
    }
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    const { referenceImages: _dropped, ...older } = emptyDocument();
    const legacyRegion = { ...newRegionLayer(emptyDocument(), "R", "r"), referenceImages: undefined };
    const parsed = parseDocument({ ...older, layers: [legacyRegion] });
    expect(parsed?.referenceImages).toEqual([]);
    expect(parsed?.layers[0]).toMatchObject({ kind: "regional_guidance", referenceImages: [] });
  });

  it("is blank with no layers and no reference images", () => {
    expect(isBlank(emptyDocument())).toBe(true);
    expect(isBlank(threeLayers())).toBe(false);
    const withReference = { ...emptyDocument(), referenceImages: [newReferenceUnit("a.png")] };
    expect(isBlank(withReference)).toBe(false);
  });
});
