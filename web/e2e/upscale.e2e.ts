/**
 * The Upscale tab: without an upscaler it points to the Models tab; with a tiny real ESRGAN installed, a
 * gallery image dragged onto it is enlarged 2x through the queue and lands in the gallery.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, eventually, generateImage, launch, openStudio, queueIdle, screenshot } from "./support";

const repo = resolve(import.meta.dirname, "../..");
const MODEL_NAME = "Tiny ESRGAN x4";

interface Job {
  id: string;
  state: string;
  model_key?: string | null;
  error_message?: string | null;
}

interface ImageRecord {
  image_name: string;
  width: number;
  height: number;
}

interface QueueItem {
  status: string;
  result?: { outputs?: { save?: { image?: { image_name: string } } } } | null;
}

function python(): string {
  if (process.env.IMPASTO_PYTHON) return process.env.IMPASTO_PYTHON;
  const venv = join(repo, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

/**
 * Writes a real (tiny, randomly initialised) ESRGAN x4 with the test factory and installs it in place;
 * answers its key. The finished job is forgotten again, so the Models tab's job list is as other tests expect.
 */
async function installTinyUpscaler(): Promise<string> {
  const path = join(inject("fixtures"), "upscalers", "tiny-esrgan-x4.safetensors");
  const script = [
    "import sys",
    "from pathlib import Path",
    "from tests.models.factory import write_esrgan",
    "write_esrgan(Path(sys.argv[1]), scale=4)",
  ].join("\n");
  await promisify(execFile)(python(), ["-c", script, path], { cwd: repo });
  const job = await api<Job>("/api/v1/models/install", { body: { source: path, inplace: true, name: MODEL_NAME } });
  const done = await eventually(
    async () => {
      const current = await api<Job>(`/api/v1/models/jobs/${job.id}`);
      return ["completed", "error", "canceled"].includes(current.state) && current;
    },
    120_000,
    "the upscaler's install",
  );
  if (done.state !== "completed" || !done.model_key) throw new Error(`install ${done.state}: ${done.error_message}`);
  await api("/api/v1/models/jobs/prune", { method: "POST" });
  return done.model_key;
}

describe("upscale", () => {
  let browser: Browser;
  let page: Page;
  let upscaler: string | null = null;

  beforeAll(async () => {
    await queueIdle();
    browser = await launch();
    page = await openStudio(browser);
    await page.getByTestId("tab-upscale").click();
    await page.getByTestId("upscale-panel").waitFor();
  });
  afterAll(async () => {
    if (upscaler) await api(`/api/v1/models/${upscaler}`, { method: "DELETE" }).catch(() => undefined);
    await browser?.close();
  });

  it("points to the Models tab while no upscaler is installed", async () => {
    await page.getByTestId("upscale-no-models").getByText("Real-ESRGAN", { exact: false }).waitFor();
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.getByTestId("upscale-panel").getByText("Choose an image to upscale.").waitFor();
    await screenshot(page, "upscale-empty");
  });

  it("enlarges a gallery image 2x with an installed upscaler", async () => {
    upscaler = await installTinyUpscaler();
    const source = await generateImage("a white triangle and a purple circle");
    const before = await api<ImageRecord>(`/api/v1/images/${source}`);

    const tile = page.locator(`[data-testid=gallery-image][data-image-name="${source}"]`);
    await tile.waitFor({ timeout: 30_000 });
    await tile.dragTo(page.getByTestId("upscale-image"));
    await expect.poll(() => page.getByTestId("upscale-image").getAttribute("data-image-name")).toBe(source);
    const size = `${before.width} × ${before.height}`;
    await expect.poll(() => page.getByTestId("upscale-image-size").textContent()).toBe(`${size} px`);

    await page.getByTestId("upscale-model-select").click();
    await page.getByRole("option", { name: `${MODEL_NAME} (x4)` }).click();
    await page.getByTestId("upscale-scale").getByText("2x", { exact: true }).click();
    const doubled = `${before.width * 2} × ${before.height * 2}`;
    await expect.poll(() => page.getByTestId("upscale-result-size").textContent()).toBe(`${size} → ${doubled}`);
    await screenshot(page, "upscale-ready");

    const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/upscale"));
    await page.getByTestId("upscale-run").click();
    const queued = (await (await answer).json()) as { item_id: number; width: number; height: number };
    expect([queued.width, queued.height]).toEqual([before.width * 2, before.height * 2]);
    const name = await eventually(
      async () => {
        const item = await api<QueueItem>(`/api/v1/queue/items/${queued.item_id}`);
        if (item.status === "failed" || item.status === "canceled") throw new Error(`upscale ${item.status}`);
        return item.result?.outputs?.save?.image?.image_name;
      },
      120_000,
      "the upscaled image",
    );
    await page.locator(`[data-testid=gallery-image][data-image-name="${name}"]`).waitFor({ timeout: 30_000 });
    const result = await api<ImageRecord>(`/api/v1/images/${name}`);
    expect([result.width, result.height]).toEqual([before.width * 2, before.height * 2]);
    await page.getByTestId("viewer-image").waitFor();
    await screenshot(page, "upscale-result");

    // the viewer's "Upscale" button puts the viewed image into the form (here the result, for another pass)
    await page.locator(`[data-testid=gallery-image][data-image-name="${name}"]`).click();
    await page.getByTestId("send-to-upscale").click();
    await expect.poll(() => page.getByTestId("upscale-image").getAttribute("data-image-name")).toBe(name);
  });
});
