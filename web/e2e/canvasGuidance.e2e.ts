/**
 * The canvas's guidance layers with a real server. Two regional guidance layers on the demo model (which
 * draws "a <colour> <shape> on a <colour> background"), "a red circle" painted over the left half and "a
 * blue square" over the right, give red on the left and blue on the right (strongly red and blue pixels
 * counted per half, as the server's regional test does). A control layer with a dropped image, filtered
 * by a preprocessor, sends its unit (a tiny SD 1.x model and a ControlNet for it from the fixtures).
 */
import { join } from "node:path";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clearCanvas, dropGalleryImage, openCanvas, pixelsOf, savedLayers, stroke } from "./canvasSupport";
import {
  api,
  chooseModel,
  generateImage,
  installInPlace,
  launch,
  pickOption,
  queueIdle,
  screenshot,
  typeInto,
} from "./support";

const DEMO = "Impasto Shapes (demo)";
const MODEL = "Tiny SD1 (control)";
const CONTROLNET = "Tiny ControlNet";

interface SentRegion {
  mask: string;
  prompt: string;
  auto_negative: boolean;
}

interface SentRequest {
  prompt: string;
  regions: SentRegion[];
  controlnets: { model: string; image: string; weight: number; begin: number; end: number; control_mode: string }[];
  reference_images: unknown[];
  init_image: string | null;
}

/** The body of the next generate request the page sends. */
function nextGenerate(page: Page): Promise<SentRequest> {
  return page
    .waitForRequest((request: Request) => request.url().endsWith("/api/v1/generate") && request.method() === "POST")
    .then((request) => request.postDataJSON() as SentRequest);
}

/** Counts of (red, blue) strongly coloured pixels in the left and right halves of RGBA pixels. */
function halves(pixels: number[], width: number): { left: [number, number]; right: [number, number] } {
  const counts = { left: [0, 0] as [number, number], right: [0, 0] as [number, number] };
  for (let at = 0; at < pixels.length; at += 4) {
    const [r = 0, g = 0, b = 0] = pixels.slice(at, at + 3);
    const side = (at / 4) % width < width / 2 ? counts.left : counts.right;
    if (r > g + 60 && r > b + 60) side[0] += 1;
    if (b > r + 60 && b > g + 60) side[1] += 1;
  }
  return counts;
}

/** Paints vertical strokes at the stage columns `xs` across the 64 px box into the selected layer. */
async function paintColumns(page: Page, xs: number[]): Promise<void> {
  for (const x of xs) await stroke(page, [x, -8], [x, 72]);
}

async function addRegion(page: Page, prompt: string, xs: number[]): Promise<void> {
  await page.getByTestId("add-region-layer").click();
  await typeInto(page, "region-prompt", prompt);
  await paintColumns(page, xs);
}

/** The images of the staged results, once every one has arrived. */
async function stagedImages(page: Page, count: number): Promise<string[]> {
  await expect
    .poll(() => page.getByTestId("staging-count").textContent(), { timeout: 180_000 })
    .toContain(`/ ${count}`);
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    await expect.poll(() => page.getByTestId("staging-accept").isEnabled(), { timeout: 180_000 }).toBe(true);
    names.push((await page.getByTestId("staging-bar").getAttribute("data-image-name")) ?? "");
    await page.getByTestId("staging-next").click();
  }
  return names;
}

describe("canvas guidance layers", () => {
  let browser: Browser;
  const installed: string[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const key of installed) await api(`/api/v1/models/${key}`, { method: "DELETE" }).catch(() => undefined);
    await browser?.close();
  });

  it("draws each regional prompt in its own half", async () => {
    await clearCanvas();
    await queueIdle();
    const page = await openCanvas(browser);
    await typeInto(page, "prompt", "a shape on a white background");
    await page.getByTestId("random-seed").uncheck({ force: true });
    await page.getByTestId("seed-input").fill("0");
    await page.getByTestId("steps-input").fill("12");
    await page.getByTestId("cfg-input").fill("5");
    await page.getByTestId("count-input").fill("3");
    await page.getByTestId("canvas-brush-size").waitFor();
    await addRegion(page, "a red circle on a white background", [6, 20]);
    await addRegion(page, "a blue square on a white background", [44, 58]);
    const layers = await savedLayers(page);
    expect(layers.map((layer) => layer.kind)).toEqual(["regional_guidance", "regional_guidance"]);
    await screenshot(page, "canvas-regions");

    const sent = nextGenerate(page);
    await page.getByTestId("invoke").click();
    const request = await sent;
    expect(request.init_image).toBeNull();
    expect(request.regions.map((region) => region.prompt)).toEqual([
      "a red circle on a white background",
      "a blue square on a white background",
    ]);
    const [leftMask, rightMask] = await Promise.all(request.regions.map((region) => pixelsOf(page, region.mask)));
    expect((leftMask ?? []).slice(0, 4)).toEqual([255, 255, 255, 255]); // white where the left region is painted
    expect((rightMask ?? []).slice(0, 4)).toEqual([0, 0, 0, 255]);

    const lastPixel = (pixels: number[] | undefined) => (pixels ?? []).slice(63 * 4, 64 * 4); // the top row's end
    expect(lastPixel(leftMask)).toEqual([0, 0, 0, 255]);
    expect(lastPixel(rightMask)).toEqual([255, 255, 255, 255]);

    let [leftRed, leftBlue, rightRed, rightBlue] = [0, 0, 0, 0];
    for (const name of await stagedImages(page, 3)) {
      const { left, right } = halves(await pixelsOf(page, name), 64);
      [leftRed, leftBlue, rightRed, rightBlue] = [
        leftRed + left[0],
        leftBlue + left[1],
        rightRed + right[0],
        rightBlue + right[1],
      ];
    }
    const totals = { leftRed, leftBlue, rightRed, rightBlue };
    expect(leftRed, JSON.stringify(totals)).toBeGreaterThan(500);
    expect(leftRed, JSON.stringify(totals)).toBeGreaterThan(10 * leftBlue);
    expect(rightBlue, JSON.stringify(totals)).toBeGreaterThan(500);
    expect(rightBlue, JSON.stringify(totals)).toBeGreaterThan(10 * rightRed);
    await screenshot(page, "canvas-regions-staged");
    await page.context().close();
  });

  it("filters a control layer's image and sends it as a ControlNet unit", async () => {
    await clearCanvas();
    await queueIdle();
    const source = await generateImage("a red circle on a blue background");
    const folder = inject("fixtures");
    installed.push(await installInPlace(join(folder, "ip_adapter", "tiny-sd1"), MODEL));
    const controlnet = await installInPlace(join(folder, "control", "tiny-controlnet"), CONTROLNET);
    installed.push(controlnet);
    const page = await openCanvas(browser);
    await chooseModel(page, MODEL);
    await page.getByTestId("add-control-layer").click();
    await pickOption(page, page.getByTestId("control-layer-model"), CONTROLNET);
    await dropGalleryImage(page, source, [0, 0]); // onto the box (at 0, 0 on a fresh canvas)
    const painted = async () => (await savedLayers(page)).filter((saved) => saved.bitmap).map((saved) => saved.kind);
    await expect.poll(painted, { timeout: 20_000 }).toEqual(["control"]);

    await pickOption(page, page.getByTestId("layer-filter-select"), "Canny edges");
    await page.getByTestId("layer-filter-run").click();
    await page.getByTestId("layer-filter-apply").waitFor({ timeout: 60_000 });
    await screenshot(page, "canvas-control-filter-preview");
    await page.getByTestId("layer-filter-apply").click();
    await expect.poll(() => page.getByTestId("canvas-undo").isEnabled()).toBe(true);

    const sent = nextGenerate(page);
    await page.getByTestId("invoke").click();
    const request = await sent;
    expect(request.controlnets).toHaveLength(1);
    expect(request.controlnets[0]).toMatchObject({ model: controlnet, weight: 1, begin: 0, end: 1 });
    expect(request.controlnets[0]?.control_mode).toBe("balanced");
    const control = await pixelsOf(page, request.controlnets[0]?.image ?? "");
    expect(control.length).toBe(64 * 64 * 4);
    await expect.poll(() => page.getByTestId("staging-accept").isEnabled(), { timeout: 120_000 }).toBe(true);
    await screenshot(page, "canvas-control-staged");
    await chooseModel(page, DEMO);
    await page.context().close();
  });
});
