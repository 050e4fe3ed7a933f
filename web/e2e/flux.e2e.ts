/**
 * The Generate tab per model family, with tiny real FLUX.1 models: FLUX dev shows its distilled guidance
 * and "True CFG" (the negative prompt only above 1), flow-model schedulers, 16 px sizes and no SD-only
 * controls; schnell has no guidance; a transformer-only file offers T5 and CLIP-L encoders. An image
 * generated with FLUX dev and a FLUX Redux reference image records its guidance and the reference, and
 * "recall all" brings both back.
 *
 * The models are the fixtures' `flux/` folder, which tests/web/e2e_fixtures.py writes once the server
 * generates FLUX; until then this file is skipped.
 */
import { existsSync, readFileSync } from "node:fs";
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

const FLUX = join(inject("fixtures"), "flux");
const DEMO = "Impasto Shapes (demo)";
const DEV = "Tiny FLUX dev";
const SCHNELL = "Tiny FLUX schnell";
const SINGLE_FILE = "Tiny FLUX dev (transformer file)";
const T5 = "Tiny T5";
const REDUX = "Tiny FLUX Redux";
const FLOW_SCHEDULERS = ["Euler", "Heun", "LCM"];

interface QueueItem {
  status: string;
  error_message?: string | null;
  result?: { outputs?: { save?: { image?: { image_name: string } } } } | null;
}

/** Opens an accordion section of the settings unless it is open (its panel is hidden while collapsed). */
async function openSection(page: Page, title: string, inside: string): Promise<void> {
  if (!(await page.getByTestId(inside).isVisible())) await page.getByText(title, { exact: true }).click();
  await page.getByTestId(inside).waitFor();
}

async function optionNames(page: Page, testId: string): Promise<string[]> {
  await page.getByTestId(testId).click();
  const options = page.getByRole("option");
  await options.first().waitFor();
  const names = await options.allTextContents();
  await page.keyboard.press("Escape");
  return names;
}

const HAS_FLUX = existsSync(FLUX);

describe.skipIf(!HAS_FLUX)(
  HAS_FLUX ? "FLUX controls" : "FLUX controls (skipped: no flux/ fixtures before FLUX generates)",
  () => {
    let browser: Browser;
    let page: Page;
    const installed: string[] = [];
    let imageName = "";

    beforeAll(async () => {
      await queueIdle();
      installed.push(await installInPlace(join(FLUX, "tiny-flux-dev"), DEV));
      installed.push(await installInPlace(join(FLUX, "tiny-flux-schnell"), SCHNELL));
      installed.push(await installInPlace(join(FLUX, "tiny-flux-dev.safetensors"), SINGLE_FILE));
      installed.push(await installInPlace(join(FLUX, "tiny-t5"), T5));
      installed.push(await installInPlace(join(FLUX, "tiny-siglip"), "Tiny SigLIP"));
      installed.push(await installInPlace(join(FLUX, "tiny-flux-redux.safetensors"), REDUX));
      await api("/api/v1/models/jobs/prune", { method: "POST" });
      browser = await launch();
      page = await openStudio(browser);
    });
    afterAll(async () => {
      if (page && !page.isClosed()) await chooseModel(page, DEMO).catch(() => undefined);
      for (const key of installed) await api(`/api/v1/models/${key}`, { method: "DELETE" }).catch(() => undefined);
      await browser?.close();
    });

    it("shows FLUX dev's guidance and true CFG instead of the Stable Diffusion controls", async () => {
      await expect.poll(() => page.getByTestId("model-select").inputValue()).toBe(DEMO);
      await chooseModel(page, DEV);
      await page.getByTestId("guidance-control").waitFor();
      expect(await page.getByTestId("guidance-input").inputValue()).toBe("3.5");
      expect(await page.getByText("True CFG (1 = off)", { exact: true }).count()).toBe(1);
      expect(await page.getByTestId("cfg-input").inputValue()).toBe("1");

      // the negative prompt matters only with true CFG above 1
      expect(await page.getByTestId("negative-prompt").count()).toBe(0);
      await page.getByTestId("negative-prompt-off").waitFor();
      await page.getByTestId("cfg-input").fill("2");
      await page.getByTestId("negative-prompt").waitFor();
      await page.getByTestId("cfg-input").fill("1");
      await expect.poll(() => page.getByTestId("negative-prompt").count()).toBe(0);

      const schedulers = await optionNames(page, "scheduler-select");
      expect(schedulers).toContain("Euler");
      expect(schedulers.every((name) => FLOW_SCHEDULERS.includes(name))).toBe(true);

      // sizes snap to 16 px
      await page.getByTestId("width-input").fill("1000");
      await page.getByTestId("width-input").press("Enter");
      await expect.poll(() => page.getByTestId("width-input").inputValue()).toBe("1008");

      await openSection(page, "Advanced", "sd-only-advanced");
      expect(await page.getByTestId("clip-skip-input").count()).toBe(0);
      expect(await page.getByTestId("seamless-x").count()).toBe(0);
      await openSection(page, "Control", "sd-only-control");
      expect(await page.getByTestId("add-controlnet").count()).toBe(0);
      expect(await page.getByTestId("refiner-section").count()).toBe(0);
      expect(await page.getByTestId("t5-encoder-select").count()).toBe(0);
      await screenshot(page, "flux-dev-controls");
    });

    it("has no guidance for FLUX schnell", async () => {
      await chooseModel(page, SCHNELL);
      await expect.poll(() => page.getByTestId("guidance-control").count()).toBe(0);
      expect(await page.getByText("True CFG (1 = off)", { exact: true }).count()).toBe(1);
    });

    it("offers separate text encoders for a transformer-only file", async () => {
      await chooseModel(page, SINGLE_FILE);
      await page.getByTestId("t5-encoder-select").waitFor();
      await page.getByTestId("clip-embed-select").waitFor();
      expect(await optionNames(page, "t5-encoder-select")).toEqual([T5]);
      await page.getByTestId("t5-encoder-select").click();
      await page.getByRole("option", { name: T5, exact: true }).click();
      await expect.poll(() => page.getByTestId("t5-encoder-select").inputValue()).toBe(T5);
      await screenshot(page, "flux-single-file");
    });

    it("generates with FLUX dev's guidance and a FLUX Redux reference image, and records them", async () => {
      await chooseModel(page, DEV);
      await openSection(page, "Reference images", "add-reference-unit");
      await page.getByTestId("add-reference-unit").click();
      const unit = page.getByTestId("reference-unit");
      await unit.waitFor();
      const png = readFileSync(join(inject("fixtures"), "a1111.png"));
      await dropFile(page, "[data-testid=reference-unit-image]", png, "reference.png");
      await expect
        .poll(() => page.getByTestId("reference-unit-image").getAttribute("data-image-name"), { timeout: 15_000 })
        .toMatch(/^[0-9a-f]{32}\.png$/);
      expect(await page.getByTestId("reference-unit-method").count()).toBe(0); // Redux takes the whole image
      await pickOption(page, page.getByTestId("reference-unit-model"), REDUX);
      await expect.poll(() => page.getByTestId("reference-unit-model").inputValue()).toBe(REDUX);
      await pickOption(page, page.getByTestId("reference-unit-influence"), "Medium");
      await expect.poll(() => page.getByTestId("reference-unit-influence").inputValue()).toBe("Medium");

      await typeInto(page, "prompt", "a violet triangle on a white background");
      await page.getByTestId("aspect-select").click();
      await page.getByRole("option", { name: "1:1", exact: true }).click();
      await page.getByTestId("width-input").fill("64");
      await page.getByTestId("width-input").press("Enter");
      await expect.poll(() => page.getByTestId("height-input").inputValue()).toBe("64");
      await page.getByTestId("steps-input").fill("2");
      await page.getByTestId("random-seed").uncheck({ force: true });
      await page.getByTestId("seed-input").fill("31");
      await page.getByTestId("guidance-input").fill("4.5");
      await page.getByTestId("guidance-input").press("Enter");

      const answer = page.waitForRequest((request) => request.url().endsWith("/api/v1/generate"));
      const response = page.waitForResponse((reply) => reply.url().endsWith("/api/v1/generate"));
      await page.getByTestId("invoke").click();
      const sent = (await answer).postDataJSON() as Record<string, unknown>;
      expect(sent).toMatchObject({ guidance: 4.5, cfg_scale: 1, negative_prompt: "", controlnets: [] });
      expect(sent.reference_images).toMatchObject([{ weight: 1, image_influence: "medium", method: "full" }]);
      expect(sent).not.toHaveProperty("t5_encoder");
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
        "the FLUX image",
      );
      const { recall } = await api<{ recall: { guidance?: number | null } }>(`/api/v1/images/${imageName}/metadata`);
      expect(recall.guidance).toBe(4.5);
    });

    it("recalls the guidance onto a fresh form, and the demo model brings the SD controls back", async () => {
      expect(imageName).not.toBe("");
      const fresh = await openStudio(browser);
      try {
        await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(DEMO);
        expect(await fresh.getByTestId("guidance-control").count()).toBe(0);
        await fresh.locator(`[data-testid=gallery-image][data-image-name="${imageName}"]`).click();
        await fresh.getByTestId("toggle-metadata").click();
        await expect.poll(() => fresh.getByTestId("metadata-value-guidance").textContent()).toBe("4.5");
        await fresh.getByTestId("recall-all").click();
        await expect.poll(() => fresh.getByTestId("model-select").inputValue()).toBe(DEV);
        await expect.poll(() => fresh.getByTestId("guidance-input").inputValue()).toBe("4.5");
        if (!(await fresh.getByTestId("add-reference-unit").isVisible())) {
          await fresh.getByText("Reference images", { exact: false }).first().click();
        }
        await expect.poll(() => fresh.getByTestId("reference-unit-model").inputValue()).toBe(REDUX);
        expect(await fresh.getByTestId("reference-unit-influence").inputValue()).toBe("Medium");
        // the metadata panel lists the image's CFG scale (1, true CFG off); close it to read the form alone
        await fresh.getByTestId("toggle-metadata").click();
        await expect.poll(() => fresh.getByTestId("metadata-value-guidance").count()).toBe(0);

        await chooseModel(fresh, DEMO);
        await fresh.getByTestId("negative-prompt").waitFor();
        expect(await fresh.getByTestId("guidance-control").count()).toBe(0);
        expect(await fresh.getByText("CFG scale", { exact: true }).count()).toBe(1);
        await openSection(fresh, "Advanced", "clip-skip-input");
      } finally {
        await fresh.context().close();
      }
    });
  },
);
