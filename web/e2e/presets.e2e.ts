/**
 * Style presets from the Generate tab: create one with a live preview, pick it, rename it (the pick stays),
 * meet the duplicate-name error next to the name, delete it; copy a built-in one; import a file and export.
 * Names carry a unique suffix and everything created is deleted, so the shared server stays as it was.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launch, openStudio, screenshot, typeInto } from "./support";

interface Preset {
  id: string;
  name: string;
  positive_prompt: string;
  negative_prompt: string;
  type: string;
}

const unique = Date.now().toString(36);
const NAME = `E2E Watercolor ${unique}`;
const RENAMED = `E2E Aquarelle ${unique}`;
const IMPORTED = `E2E Imported ${unique}`;
const COPY = `E2E Anime ${unique}`;

async function presets(): Promise<Preset[]> {
  return (await api<{ presets: Preset[] }>("/api/v1/style_presets")).presets;
}

async function presetNamed(name: string): Promise<Preset | undefined> {
  return (await presets()).find((preset) => preset.name === name);
}

/** The texts of the elements that describe a control (its description and error). */
function describedBy(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

describe("style presets", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
  });

  afterAll(async () => {
    for (const preset of await presets()) {
      if (preset.type === "user" && preset.name.endsWith(unique)) {
        await api(`/api/v1/style_presets/${preset.id}`, { method: "DELETE" });
      }
    }
    await browser?.close();
  });

  it("creates a preset with a live preview and picks it", async () => {
    await typeInto(page, "prompt", "a red fox");
    await page.getByTestId("manage-presets").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("preset-row").first().waitFor();
    await page.getByTestId("preset-new").click();
    await typeInto(page, "preset-name", NAME);
    await typeInto(page, "preset-positive", "watercolor");
    await expect.poll(() => page.getByTestId("preset-positive-hint").textContent()).toContain("added after");
    await expect.poll(() => page.getByTestId("preset-preview-positive").textContent()).toBe("a red fox, watercolor");
    await typeInto(page, "preset-positive", "{prompt}, watercolor");
    await page.getByTestId("preset-positive-hint").waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("preset-preview-positive").textContent()).toBe("a red fox, watercolor");
    await page.getByTestId("preset-save").click();
    await dialog.locator(`[data-testid=preset-row][data-preset-name='${NAME}']`).waitFor();
    await expect.poll(() => page.getByTestId("preset-preview-positive").textContent()).toBe("a red fox, watercolor");
    await screenshot(page, "presets");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId("style-preset").click();
    await page.getByRole("option", { name: NAME }).click();
    await expect.poll(() => page.getByTestId("style-preset").inputValue()).toBe(NAME);
    await screenshot(page, "presets-picked");
    expect(await presetNamed(NAME)).toMatchObject({
      type: "user",
      positive_prompt: "{prompt}, watercolor",
      negative_prompt: "",
    });
  });

  it("renames the picked preset and keeps it picked", async () => {
    await page.getByTestId("manage-presets").click();
    // The manager opens on the picked preset.
    await expect.poll(() => page.getByTestId("preset-name").inputValue()).toBe(NAME);
    await typeInto(page, "preset-name", RENAMED);
    await page.getByTestId("preset-save").click();
    await expect.poll(async () => (await presetNamed(RENAMED))?.positive_prompt).toBe("{prompt}, watercolor");
    expect(await presetNamed(NAME)).toBeUndefined();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("style-preset").inputValue()).toBe(RENAMED);
  });

  it("shows a taken name next to the name field", async () => {
    await page.getByTestId("manage-presets").click();
    await expect.poll(() => page.getByTestId("preset-name").inputValue()).toBe(RENAMED);
    await typeInto(page, "preset-name", "photographic");
    await page.getByTestId("preset-save").click();
    await expect.poll(() => describedBy(page, "preset-name")).toContain("is taken by a built-in preset");
    expect(await page.getByTestId("preset-name").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "presets-validation");
    expect(await presetNamed(RENAMED)).toBeDefined();
  });

  it("deletes the preset after confirmation and lets go of the pick", async () => {
    await page.getByTestId("preset-delete").click();
    await page.getByTestId("preset-delete-yes").click();
    const dialog = page.getByRole("dialog");
    await dialog.locator(`[data-testid=preset-row][data-preset-name='${RENAMED}']`).waitFor({ state: "detached" });
    expect(await presetNamed(RENAMED)).toBeUndefined();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("style-preset").inputValue()).toBe("");
  });

  it("duplicates a read-only built-in preset into an editable one", async () => {
    await page.getByTestId("manage-presets").click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("[data-testid=preset-row][data-preset-name='Anime']").click();
    expect(await page.getByTestId("preset-name").getAttribute("readonly")).not.toBeNull();
    expect(await page.getByTestId("preset-save").count()).toBe(0);
    await page.getByTestId("preset-duplicate").click();
    await expect.poll(() => page.getByTestId("preset-name").inputValue()).toMatch(/^Anime \(copy( \d+)?\)$/);
    expect(await page.getByTestId("preset-name").getAttribute("readonly")).toBeNull();
    await typeInto(page, "preset-name", COPY);
    await page.getByTestId("preset-save").click();
    await expect.poll(async () => (await presetNamed(COPY))?.positive_prompt).toContain("anime artwork of {prompt}");
    await page.keyboard.press("Escape");
  });

  it("imports a file, skipping taken names, and exports the user presets", async () => {
    await page.getByTestId("manage-presets").click();
    const dialog = page.getByRole("dialog");
    const file = {
      style_presets: [
        { name: IMPORTED, positive_prompt: "{prompt}, imported", negative_prompt: "blurry" },
        { name: "Photographic", positive_prompt: "{prompt}, mine" },
      ],
    };
    await dialog.locator("input[type=file]").setInputFiles({
      name: "presets.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect
      .poll(() => page.getByTestId("preset-import-result").textContent())
      .toContain("Imported 1 preset; skipped 1 preset: Photographic (");
    await dialog.locator(`[data-testid=preset-row][data-preset-name='${IMPORTED}']`).waitFor();

    const download = page.waitForEvent("download");
    await page.getByTestId("preset-export").click();
    const path = await (await download).path();
    const exported = JSON.parse(readFileSync(path, "utf8")) as { style_presets: { name: string }[] };
    expect(exported.style_presets.map((preset) => preset.name)).toContain(IMPORTED);
  });
});
