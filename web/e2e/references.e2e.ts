/**
 * The Reference images section with a tiny real SD 1.x model, an IP-Adapter for it (in InvokeAI's folder
 * layout) and a CLIP-vision encoder, from the fixtures' `ip_adapter/` folder: a file dropped onto a new
 * reference unit is uploaded, the adapter, method and weight are picked, the request carries the unit and
 * the image's metadata records it, and "recall all" brings the unit back onto a fresh form.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  api,
  chooseModel,
  dropFile,
  eventually,
  installInPlace,
  launch,
  openStudio,
  pickOption,
  queueIdle,
  screenshot,
  typeInto,
} from "./support";

const DEMO = "Impasto Shapes (demo)";
const MODEL = "Tiny SD1 (references)";
const ADAPTER = "Tiny IP-Adapter";
const ENCODER = "Tiny image encoder";

interface QueueItem {
  status: string;
  error_message?: string | null;
  result?: { outputs?: { save?: { image?: { image_name: string } } } } | null;
}

interface RecordedReference {
  image: string;
  model: { key?: string | null; name?: string | null };
  weight: number;
  begin: number;
  end: number;
  method: string;
}

/** Opens the Reference images section unless it is open (its panel is hidden while collapsed). */
async function openReferences(page: Page): Promise<void> {
  const add = page.getByTestId("add-reference-unit");
  if (!(await add.isVisible())) await page.getByText("Reference images", { exact: false }).first().click();
  await add.waitFor();
}

describe("reference images", () => {
  let browser: Browser;
  let page: Page;
  const installed: string[] = [];
  let adapterKey = "";
  let imageName = "";
  let referenceName = "";

  beforeAll(async () => {
    await queueIdle();
    const folder = join(inject("fixtures"), "ip_adapter");
    installed.push(await installInPlace(join(folder, "tiny-sd1"), MODEL));
    adapterKey = await installInPlace(join(folder, "tiny-ip-adapter"), ADAPTER);
    installed.push(adapterKey);
    installed.push(await installInPlace(join(folder, "tiny-image-encoder"), ENCODER));
    await api("/api/v1/models/jobs/prune", { method: "POST" });
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => {
    if (page && !page.isClosed()) await chooseModel(page, DEMO).catch(() => undefined);
    for (const key of installed) await api(`/api/v1/models/${key}`, { method: "DELETE" }).catch(() => undefined);
    await browser?.close();
  });

  it("generates with a reference image, its adapter, weight and method, and records them", async () => {
    await expect.poll(() => page.getByTestId("model-select").inputValue()).toBe(DEMO);
    await chooseModel(page, MODEL);
    await openReferences(page);
    await page.getByTestId("add-reference-unit").click();
    const unit = page.getByTestId("reference-unit");
    await unit.waitFor();

    const png = readFileSync(join(inject("fixtures"), "a1111.png"));
    await dropFile(page, "[data-testid=reference-unit-image]", png, "reference.png");
    await expect
      .poll(() => page.getByTestId("reference-unit-image").getAttribute("data-image-name"), { timeout: 15_000 })
      .toMatch(/^[0-9a-f]{32}\.png$/);
    referenceName = (await page.getByTestId("reference-unit-image").getAttribute("data-image-name")) ?? "";

    await pickOption(page, page.getByTestId("reference-unit-model"), ADAPTER);
    await expect.poll(() => page.getByTestId("reference-unit-model").inputValue()).toBe(ADAPTER);
    await pickOption(page, page.getByTestId("reference-unit-method"), "Style");
    await expect.poll(() => page.getByTestId("reference-unit-method").inputValue()).toBe("Style");
    const weight = unit.getByRole("slider").first();
    await weight.focus();
    for (let step = 0; step < 5; step += 1) await weight.press("ArrowLeft");
    await unit.getByText("Weight: 0.75", { exact: true }).waitFor();

    // the tiny SD 1.x model makes 64 px images in a few steps
    await typeInto(page, "prompt", "a cat in the style of the reference");
    await page.getByTestId("aspect-select").click();
    await page.getByRole("option", { name: "1:1", exact: true }).click();
    await page.getByTestId("width-input").fill("64");
    await page.getByTestId("width-input").press("Enter");
    await expect.poll(() => page.getByTestId("height-input").inputValue()).toBe("64");
    await page.getByTestId("steps-input").fill("3");
    await page.getByTestId("random-seed").uncheck({ force: true });
    await page.getByTestId("seed-input").fill("5");
    await unit.scrollIntoViewIfNeeded();
    await screenshot(page, "reference-unit");

    const request = page.waitForRequest((sent) => sent.url().endsWith("/api/v1/generate"));
    const response = page.waitForResponse((reply) => reply.url().endsWith("/api/v1/generate"));
    await page.getByTestId("invoke").click();
    const sent = (await request).postDataJSON() as { reference_images?: unknown };
    expect(sent.reference_images).toEqual([
      { image: referenceName, model: adapterKey, weight: 0.75, begin: 0, end: 1, method: "style" },
    ]);
    const reply = await response;
    const queued = (await reply.json()) as { item_ids: number[] };
    expect(reply.status(), JSON.stringify(queued)).toBe(200);
    imageName = await eventually(
      async () => {
        const item = await api<QueueItem>(`/api/v1/queue/items/${queued.item_ids[0]}`);
        if (item.status === "failed" || item.status === "canceled") {
          throw new Error(`generation ${item.status}: ${item.error_message}`);
        }
        return item.result?.outputs?.save?.image?.image_name;
      },
      120_000,
      "the image steered by the reference",
    );
    const { recall } = await api<{ recall: { extra?: { reference_images?: RecordedReference[] } } }>(
      `/api/v1/images/${imageName}/metadata`,
    );
    expect(recall.extra?.reference_images).toEqual([
      {
        image: referenceName,
        model: expect.objectContaining({ key: adapterKey, name: ADAPTER }),
        weight: 0.75,
        begin: 0,
        end: 1,
        method: "style",
      },
    ]);
  });

  it("recalls the reference unit onto a fresh form", async () => {
    expect(imageName).not.toBe("");
    const fresh = await openStudio(browser);
    try {
      await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(DEMO);
      const tile = fresh.locator(`[data-testid=gallery-image][data-image-name="${imageName}"]`);
      await tile.waitFor({ timeout: 30_000 });
      await tile.click();
      await fresh.getByTestId("toggle-metadata").click();
      await fresh.getByTestId("recall-all").click();
      await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(MODEL);
      await fresh.getByTestId("toggle-metadata").click();

      await openReferences(fresh);
      const unit = fresh.getByTestId("reference-unit");
      await expect.poll(() => unit.count()).toBe(1);
      expect(await fresh.getByTestId("reference-unit-image").getAttribute("data-image-name")).toBe(referenceName);
      await expect.poll(() => fresh.getByTestId("reference-unit-model").inputValue()).toBe(ADAPTER);
      expect(await fresh.getByTestId("reference-unit-method").inputValue()).toBe("Style");
      await unit.getByText("Weight: 0.75", { exact: true }).waitFor();
      await unit.getByText("Active from 0% to 100% of the steps", { exact: true }).waitFor();
      await unit.scrollIntoViewIfNeeded();
      await screenshot(fresh, "reference-unit-recalled");

      await chooseModel(fresh, DEMO);
    } finally {
      await fresh.context().close();
    }
  });
});
