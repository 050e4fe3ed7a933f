import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../lib/settings";
import { useCanvasSettings } from "./settingsStore";

describe("canvas settings store", () => {
  it("changes one setting at a time and keeps the others", () => {
    useCanvasSettings.getState().setSettings({ infill: "tile" });
    useCanvasSettings.getState().setSettings({ scale: "manual", scaledWidth: 768 });
    expect(useCanvasSettings.getState().settings).toEqual({
      ...DEFAULT_SETTINGS,
      infill: "tile",
      scale: "manual",
      scaledWidth: 768,
    });
  });

  it("fills settings a stored copy lacks with the defaults", async () => {
    const storage = useCanvasSettings.persist.getOptions().storage;
    await storage?.setItem("impasto.canvas.settings", { state: { settings: { infill: "cv2" } }, version: 1 });
    await useCanvasSettings.persist.rehydrate();
    expect(useCanvasSettings.getState().settings).toEqual({ ...DEFAULT_SETTINGS, infill: "cv2" });
  });
});
