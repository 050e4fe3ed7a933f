/**
 * The workflow library with a real server and the demo model: a shipped default opens, runs and saves as a
 * user copy that reopens unchanged; the library sorts, copies, deletes (after a confirmation) and shows the
 * last image as a thumbnail; a workflow file, or an image a workflow made, dropped on another tab opens in
 * the Workflows tab; the custom nodes view installs a pack from a git repository and lists it with its node.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, dropFile, launch, openStudio, pickOption, queueIdle, screenshot } from "./support";

const DEMO = "Text to Image - Impasto Shapes (demo)";
const COPY = "Shapes for the library (e2e)";

interface Record {
  id: string;
  name: string;
  thumbnail: string | null;
  workflow: { name: string; graph: unknown; layout: unknown; form: unknown };
}

async function openLibrary(page: Page, search = ""): Promise<void> {
  await page.getByTestId("workflow-open").click();
  await page.getByTestId("workflow-search").fill(search);
  await page.getByTestId("workflow-list").waitFor();
}

async function listedNames(page: Page): Promise<string[]> {
  await page.waitForTimeout(400); // the search is debounced
  return page
    .locator("[data-testid=workflow-item]")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-name") ?? ""));
}

async function itemCommand(page: Page, name: string, command: string): Promise<void> {
  await page.locator(`[data-testid=workflow-item][data-name="${name}"]`).getByTestId("workflow-menu").click();
  await page.getByTestId(command).click();
}

async function userCopy(name: string): Promise<Record | undefined> {
  const listed = await api<{ items: Record[] }>(`/api/v1/workflows?category=user&limit=200`);
  return listed.items.find((item) => item.name === name);
}

describe("workflow library", () => {
  let browser: Browser;
  let page: Page;
  let madeImage = "";

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await queueIdle();
    await page.getByTestId("tab-workflows").click();
    await page.getByTestId("workflow-editor").waitFor();
  });
  afterAll(async () => browser?.close());

  it("opens a shipped default, runs it on the demo model and saves a copy that reopens unchanged", async () => {
    await openLibrary(page, "Shapes");
    await page.locator(`[data-testid=workflow-item][data-name="${DEMO}"]`).click();
    await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(DEMO);
    await pickOption(page, page.getByTestId("field-model-model"), "Impasto Shapes (demo)");
    await page.getByTestId("workflow-invoke").click();
    const image = page.getByTestId("node-save").getByTestId("node-image");
    await image.waitFor({ timeout: 90_000 });
    madeImage = (await image.getAttribute("data-image")) ?? "";

    await page.getByTestId("workflow-save").click();
    await page.getByTestId("save-as-name").fill(COPY);
    await page.getByTestId("save-as-confirm").click();
    await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(COPY);
    const saved = await userCopy(COPY);
    if (!saved) throw new Error("the copy was not saved");
    const before = await api<Record>(`/api/v1/workflows/${saved.id}?mark_opened=false`);

    await page.getByTestId("workflow-new").click();
    await openLibrary(page, "library");
    await page.locator(`[data-testid=workflow-item][data-name="${COPY}"]`).click();
    await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(COPY);
    await page.getByTestId("workflow-save").click();
    await page.waitForTimeout(500);
    const after = await api<Record>(`/api/v1/workflows/${saved.id}?mark_opened=false`);
    expect(after.workflow).toEqual(before.workflow);
  });

  it("sorts, filters, copies, gives a thumbnail and deletes after a confirmation", async () => {
    await openLibrary(page);
    await page.getByTestId("workflow-category").getByText("Shipped").click();
    const shipped = await listedNames(page);
    expect(shipped.length).toBeGreaterThan(10);
    const byKey = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
    expect(shipped).toEqual([...shipped].sort(byKey));

    await itemCommand(page, DEMO, "workflow-duplicate");
    await page.getByTestId("workflow-category").getByText("Mine").click();
    await pickOption(page, page.getByTestId("workflow-sort"), "Newest");
    await expect.poll(async () => (await listedNames(page))[0]).toBe(`${DEMO} (copy)`);

    await itemCommand(page, COPY, "workflow-thumbnail-last");
    const thumbnail = page
      .locator(`[data-testid=workflow-item][data-name="${COPY}"]`)
      .getByTestId("workflow-thumbnail");
    await thumbnail.waitFor();
    expect((await userCopy(COPY))?.thumbnail).toBeTruthy();
    await screenshot(page, "workflow-library");

    await itemCommand(page, `${DEMO} (copy)`, "workflow-delete");
    await page.getByTestId("workflow-delete-confirm").click();
    await expect.poll(async () => (await listedNames(page)).includes(`${DEMO} (copy)`)).toBe(false);
    expect(await userCopy(`${DEMO} (copy)`)).toBeUndefined();
    await page.keyboard.press("Escape");
  });

  it("opens a workflow file, or an image made by a workflow, dropped on another tab in the Workflows tab", async () => {
    const exported = await api<Record["workflow"]>("/api/v1/workflows/default-impasto-shapes/export");
    const file = Buffer.from(JSON.stringify({ ...exported, name: "Dropped shapes (e2e)" }));
    await page.getByTestId("tab-queue").click();
    await dropFile(page, "body", file, "dropped.json", "application/json");
    await expect
      .poll(() => page.getByTestId("workflow-name").textContent(), { timeout: 15_000 })
      .toBe("Dropped shapes (e2e)");
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(10);
    expect(await userCopy("Dropped shapes (e2e)")).toBeDefined();
    await screenshot(page, "workflow-dropped");

    const png = Buffer.from(await (await fetch(`${baseUrl()}/api/v1/images/${madeImage}/full`)).arrayBuffer());
    await page.getByTestId("tab-generate").click();
    await dropFile(page, "body", png, "made-by-a-workflow.png");
    await expect.poll(() => page.getByTestId("workflow-name").textContent(), { timeout: 15_000 }).toBe(DEMO);
    expect(await page.getByTestId("workflow-dirty").count()).toBe(0);
  });

  it("installs a node pack from a git repository and lists it with its node", async () => {
    await page.getByTestId("custom-nodes-open").click();
    await page.getByTestId("pack-warning").waitFor();
    const repo = join(inject("fixtures"), "packs", "e2e-nodes");
    await page.getByTestId("pack-url").fill(`file://${repo}`);
    await page.getByTestId("pack-install").click();
    const pack = page.locator('[data-testid=pack-item][data-name="e2e-nodes"]');
    await pack.getByTestId("pack-node").filter({ hasText: "e2e_echo" }).waitFor({ timeout: 30_000 });
    expect(await pack.textContent()).toContain("loaded");
    const types = await api<{ type: string }[]>("/api/v1/nodes");
    expect(types.some((schema) => schema.type === "e2e_echo")).toBe(true);
    await screenshot(page, "custom-nodes");
  });
});
