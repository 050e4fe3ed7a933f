/**
 * The SDXL refiner: the Refiner section is there only for SDXL models; with a tiny real SDXL base and
 * refiner installed, an image generated with the refiner records it in its metadata, and "recall all"
 * fills the refiner settings of a fresh form from it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  api,
  chooseModel,
  eventually,
  installInPlace,
  launch,
  openStudio,
  queueIdle,
  screenshot,
  typeInto,
} from "./support";

const repo = resolve(import.meta.dirname, "../..");
const DEMO = "Impasto Shapes (demo)";
const BASE_NAME = "Tiny SDXL";
const REFINER_NAME = "Tiny SDXL Refiner";
const PROMPT = "a teal hexagon on a grey background";

interface QueueItem {
  status: string;
  error_message?: string | null;
  result?: { outputs?: { save?: { image?: { image_name: string } } } } | null;
}

interface MetadataReport {
  recall: {
    model?: { key?: string | null; name?: string | null } | null;
    refiner_model?: { key?: string | null; name?: string | null } | null;
    refiner_start?: number | null;
    refiner_positive_aesthetic_score?: number | null;
    refiner_negative_aesthetic_score?: number | null;
  };
}

function python(): string {
  if (process.env.IMPASTO_PYTHON) return process.env.IMPASTO_PYTHON;
  const venv = join(repo, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

/** Writes a tiny SDXL base and refiner (randomly initialised diffusers folders) with the test factory. */
async function writeTinySdxl(folder: string): Promise<{ base: string; refiner: string }> {
  const base = join(folder, "tiny-sdxl");
  const refiner = join(folder, "tiny-sdxl-refiner");
  const script = [
    "import sys",
    "from pathlib import Path",
    "from tests.models.factory import write_sdxl_diffusers",
    "write_sdxl_diffusers(Path(sys.argv[1]))",
    "write_sdxl_diffusers(Path(sys.argv[2]), refiner=True)",
  ].join("\n");
  await promisify(execFile)(python(), ["-c", script, base, refiner], { cwd: repo });
  return { base, refiner };
}

/** Opens the Refiner section (its panel's controls are hidden while it is collapsed). */
async function openRefiner(page: Page): Promise<void> {
  const controls = page.getByTestId("refiner-controls");
  if (!(await controls.isVisible())) await page.getByTestId("refiner-section").click();
  await controls.waitFor();
}

describe("SDXL refiner", () => {
  let browser: Browser;
  let page: Page;
  const installed: string[] = [];
  let imageName = "";

  beforeAll(async () => {
    await queueIdle();
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => {
    if (page && !page.isClosed()) await chooseModel(page, DEMO).catch(() => undefined);
    for (const key of installed) await api(`/api/v1/models/${key}`, { method: "DELETE" }).catch(() => undefined);
    await browser?.close();
  });

  it("has no Refiner section for a model that is not SDXL", async () => {
    await expect.poll(() => page.getByTestId("model-select").inputValue()).toBe(DEMO);
    await page.getByTestId("steps-input").waitFor();
    expect(await page.getByTestId("refiner-section").count()).toBe(0);
  });

  it("refines an SDXL image with an installed refiner and records it in the metadata", async () => {
    const folders = await writeTinySdxl(join(inject("fixtures"), "sdxl"));
    installed.push(await installInPlace(folders.base, BASE_NAME));
    const refinerKey = await installInPlace(folders.refiner, REFINER_NAME);
    installed.push(refinerKey);
    await api("/api/v1/models/jobs/prune", { method: "POST" });

    // the refiner is no main model to generate with
    await page.getByTestId("model-select").click();
    await page.getByRole("option", { name: BASE_NAME, exact: true }).waitFor();
    expect(await page.getByRole("option", { name: REFINER_NAME, exact: true }).count()).toBe(0);
    await page.keyboard.press("Escape");

    await chooseModel(page, BASE_NAME);
    await page.getByTestId("refiner-section").waitFor();
    await openRefiner(page);
    expect(await page.getByTestId("refiner-enabled").isChecked()).toBe(false);
    expect(await page.getByTestId("refiner-start-input").inputValue()).toBe("0.8");
    expect(await page.getByTestId("refiner-positive-score").inputValue()).toBe("6");
    expect(await page.getByTestId("refiner-negative-score").inputValue()).toBe("2.5");

    await page.getByTestId("refiner-enabled").check({ force: true });
    // without a refiner model the problem shows next to the picker, and goes once one is picked
    const controls = page.getByTestId("refiner-controls");
    await page.getByTestId("invoke").click();
    await expect.poll(() => controls.getByText("pick a refiner model", { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId("refiner-section").getAttribute("data-problem")).toBe("true");
    await page.getByTestId("refiner-model-select").click();
    await page.getByRole("option", { name: REFINER_NAME, exact: true }).click();
    await page.getByTestId("refiner-start-input").fill("0.5");
    await page.getByTestId("refiner-start-input").press("Enter");
    await expect.poll(() => page.getByTestId("refiner-start-input").inputValue()).toBe("0.5");
    expect(await controls.getByText("pick a refiner model", { exact: false }).count()).toBe(0);

    // the tiny SDXL's VAE scales by 8 and its UNet halves once: 64 px is a valid size
    await typeInto(page, "prompt", PROMPT);
    await page.getByTestId("aspect-select").click();
    await page.getByRole("option", { name: "1:1", exact: true }).click();
    await page.getByTestId("width-input").fill("64");
    await page.getByTestId("width-input").press("Enter");
    await expect.poll(() => page.getByTestId("height-input").inputValue()).toBe("64");
    await page.getByTestId("steps-input").fill("4");
    await page.getByTestId("random-seed").uncheck({ force: true });
    await page.getByTestId("seed-input").fill("77");
    await page.getByTestId("refiner-controls").scrollIntoViewIfNeeded();
    await screenshot(page, "refiner");

    const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/generate"));
    await page.getByTestId("invoke").click();
    const response = await answer;
    const queued = (await response.json()) as { item_ids: number[]; width: number; height: number };
    expect(response.status(), JSON.stringify(queued)).toBe(200);
    expect([queued.width, queued.height]).toEqual([64, 64]);
    imageName = await eventually(
      async () => {
        const item = await api<QueueItem>(`/api/v1/queue/items/${queued.item_ids[0]}`);
        if (item.status === "failed" || item.status === "canceled") {
          throw new Error(`generation ${item.status}: ${item.error_message}`);
        }
        return item.result?.outputs?.save?.image?.image_name;
      },
      120_000,
      "the refined image",
    );
    await page.locator(`[data-testid=gallery-image][data-image-name="${imageName}"]`).waitFor({ timeout: 30_000 });

    const { recall } = await api<MetadataReport>(`/api/v1/images/${imageName}/metadata`);
    expect(recall.model?.name).toBe(BASE_NAME);
    expect(recall.refiner_model).toMatchObject({ key: refinerKey, name: REFINER_NAME });
    expect(recall.refiner_start).toBe(0.5);
    expect(recall.refiner_positive_aesthetic_score).toBe(6);
    expect(recall.refiner_negative_aesthetic_score).toBe(2.5);
    await page.getByTestId("viewer-image").waitFor();
    await screenshot(page, "refiner-result");
  });

  it("recalls the refiner settings onto a fresh form", async () => {
    expect(imageName).not.toBe("");
    const fresh = await openStudio(browser);
    try {
      await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(DEMO);
      expect(await fresh.getByTestId("refiner-section").count()).toBe(0);

      await fresh.locator(`[data-testid=gallery-image][data-image-name="${imageName}"]`).click();
      await fresh.getByTestId("toggle-metadata").click();
      const panel = fresh.getByTestId("metadata-panel");
      await expect
        .poll(() => panel.getByTestId("metadata-value-refiner").textContent())
        .toContain(`${REFINER_NAME}, start 0.5`);
      await fresh.getByTestId("recall-all").click();

      await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(BASE_NAME);
      await fresh.getByTestId("refiner-section").waitFor();
      await openRefiner(fresh);
      await expect.poll(() => fresh.getByTestId("refiner-enabled").isChecked()).toBe(true);
      expect(await fresh.getByTestId("refiner-model-select").inputValue()).toBe(REFINER_NAME);
      expect(await fresh.getByTestId("refiner-start-input").inputValue()).toBe("0.5");
      // the image's refiner ran with the base's steps, CFG and scheduler: the overrides stay empty
      expect(await fresh.getByTestId("refiner-steps-input").inputValue()).toBe("");
      expect(await fresh.getByTestId("refiner-scheduler-select").inputValue()).toBe("");
      expect(await fresh.getByTestId("steps-input").inputValue()).toBe("4");
      await fresh.getByTestId("refiner-controls").scrollIntoViewIfNeeded();
      await screenshot(fresh, "refiner-recalled");

      // back to the demo model: the section goes away, and the form is as other tests expect it
      await chooseModel(fresh, DEMO);
      await expect.poll(() => fresh.getByTestId("refiner-section").count()).toBe(0);
    } finally {
      await fresh.context().close();
    }
  });
});
