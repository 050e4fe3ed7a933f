/**
 * The workflow editor's arranging and building, with a real server and the demo model: a connection
 * dropped on the empty graph offers only the nodes that take it and connects the one picked; a node's
 * cache and intermediate settings are saved with its graph; the auto-layout puts nodes in columns by
 * depth; and the form builder makes a heading, a row and a slider that the linear view then fills in
 * and invokes.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launch, openStudio, pickOption, queueIdle, screenshot } from "./support";

const DEMO = "Text to Image - Impasto Shapes (demo)";

interface Saved {
  workflow: {
    graph: { nodes: Record<string, Record<string, unknown>>; edges: unknown[] };
    layout: Record<string, { position: { x: number; y: number } }>;
    form?: { root_id: string; elements: Record<string, Record<string, unknown>> } | null;
  };
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function pane(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) throw new Error("no pane");
  return box;
}

/** Adds a node from the palette, opened by a double click on the empty graph at (x, y). */
async function addNode(page: Page, x: number, y: number, query: string, type: string): Promise<Locator> {
  await page.mouse.dblclick(x, y);
  await page.getByTestId("node-palette-search").fill(query);
  await page.getByTestId(`palette-${type}`).click();
  return page.getByTestId(`node-${type}`);
}

/** Drags from `from` and lets go at (x, y). */
async function dragTo(page: Page, from: Locator, x: number, y: number): Promise<void> {
  const start = await centre(from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.up();
}

/** Saves the open workflow as a new user workflow and reads it back from the server. */
async function saveAs(page: Page, name: string): Promise<Saved> {
  await page.getByTestId("workflow-save-as").click();
  await page.getByTestId("save-as-name").fill(name);
  await page.getByTestId("save-as-confirm").click();
  await expect.poll(() => page.getByTestId("workflow-name").textContent(), { timeout: 15_000 }).toBe(name);
  const listed = await api<{ items: { id: string; name: string }[] }>(`/api/v1/workflows?category=user`);
  const id = listed.items.find((item) => item.name === name)?.id;
  if (!id) throw new Error(`${name} was not saved`);
  return api<Saved>(`/api/v1/workflows/${id}?mark_opened=false`);
}

async function openWorkflow(page: Page, name: string): Promise<void> {
  await page.getByTestId("workflow-open").click();
  await page.getByTestId("workflow-search").fill(name.split(" ")[0] ?? name);
  await page.locator(`[data-testid=workflow-item][data-name="${name}"]`).click();
  await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(name);
  await page.waitForTimeout(300);
}

/**
 * Drags a form element by its handle onto `target` (another element, or a container's drop zone),
 * scrolling the form to the target while the drag is under way, as a user's wheel would.
 */
async function dragElement(page: Page, id: string, target: Locator): Promise<void> {
  const grip = page.getByTestId(`form-grip-${id}`);
  await grip.scrollIntoViewIfNeeded();
  const start = await centre(grip);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 10, { steps: 4 });
  await target.scrollIntoViewIfNeeded();
  const end = await centre(target);
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

describe("workflow editor: building and arranging", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await queueIdle();
    await page.getByTestId("tab-workflows").click();
    await page.getByTestId("workflow-editor").waitFor();
  });
  afterAll(async () => browser?.close());

  it("offers the nodes that take a connection dropped on the empty graph and connects the one picked", async () => {
    await page.getByTestId("workflow-new").click();
    const at = await pane(page);
    const seed = await addNode(page, at.x + 60, at.y + 60, "integer", "integer");
    await page.keyboard.press("Escape");
    await dragTo(page, seed.getByTestId("handle-source-value"), at.x + 480, at.y + 120);
    const palette = page.getByTestId("node-palette");
    await palette.waitFor();
    expect(await palette.getAttribute("data-filtered")).toBe("true");
    await page.getByTestId("node-palette-search").fill("save");
    expect(await page.getByTestId("palette-save_image").count()).toBe(0);
    await page.getByTestId("node-palette-search").fill("float math");
    await screenshot(page, "workflows-dropped-connection");
    await page.getByTestId("palette-float_math").click();
    const added = page.getByTestId("node-float_math");
    await added.waitFor();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(1);
    const box = await added.boundingBox();
    expect(Math.abs((box?.x ?? 0) - (at.x + 480))).toBeLessThan(30);
    const saved = await saveAs(page, "Dropped (e2e)");
    expect(saved.workflow.graph.edges).toEqual([
      { source: { node_id: "integer", field: "value" }, destination: { node_id: "float_math", field: "a" } },
    ]);
  });

  it("saves a node's cache and intermediate settings with its graph", async () => {
    await page.getByTestId("workflow-new").click();
    const at = await pane(page);
    await addNode(page, at.x + 200, at.y + 120, "integer", "integer");
    await page.keyboard.press("Escape");
    await page.getByTestId("node-menu-integer").click();
    await page.getByTestId("node-use-cache-integer").click();
    await page.getByTestId("node-no-cache-integer").waitFor();
    await page.getByTestId("node-menu-integer").click();
    await page.getByTestId("node-intermediate-no-integer").click();
    await page.getByTestId("node-menu-integer").click();
    expect(await page.getByTestId("node-intermediate-no-integer").getAttribute("data-checked")).toBe("true");
    await screenshot(page, "workflows-node-menu");
    await page.keyboard.press("Escape");
    const saved = await saveAs(page, "Toggles (e2e)");
    expect(saved.workflow.graph.nodes.integer).toMatchObject({ use_cache: false, is_intermediate: false });
  });

  it("lays the graph out in columns by edge depth", async () => {
    await page.getByTestId("workflow-new").click();
    const at = await pane(page);
    const sum = await addNode(page, at.x + 40, at.y + 40, "add integers", "add");
    const first = await addNode(page, at.x + 360, at.y + 300, "integer", "integer");
    await page.keyboard.press("Escape");
    await dragTo(page, first.getByTestId("handle-source-value"), at.x + 700, at.y + 60);
    await page.getByTestId("node-palette-search").fill("float math");
    await page.getByTestId("palette-float_math").click();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(1);
    const target = await centre(first.getByTestId("handle-target-value"));
    await dragTo(page, sum.getByTestId("handle-source-value"), target.x, target.y);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(2);
    await page.getByTestId("workflow-auto-layout").click();
    await page.waitForTimeout(400);
    await screenshot(page, "workflows-auto-layout");
    const { layout } = (await saveAs(page, "Layout (e2e)")).workflow;
    const [add, integer, math] = [layout.add, layout.integer, layout.float_math].map((view) => view?.position);
    expect(integer?.y).toBe(add?.y);
    expect(math?.y).toBe(add?.y);
    expect(Math.abs((integer?.x ?? 0) - (add?.x ?? 0) - 340)).toBeLessThanOrEqual(1);
    expect(Math.abs((math?.x ?? 0) - (integer?.x ?? 0) - 340)).toBeLessThanOrEqual(1);
  });

  it("builds a form with a heading, a row and a slider, fills it in the linear view and invokes it", async () => {
    await openWorkflow(page, DEMO);
    await page.getByTestId("workflow-mode").getByText("Form").click();
    await page.getByTestId("form-edit-toggle").click({ force: true });
    await page.getByTestId("form-add-heading").click();
    await page.getByTestId("form-settings-heading-1").click();
    await page.getByTestId("form-text-heading-1").fill("Size");
    await page.keyboard.press("Escape");
    await page.getByTestId("form-add-row").click();
    const first = page.getByTestId("form-frame-model.model");
    await dragElement(page, "heading-1", first);
    await dragElement(page, "container-1", first);
    const row = page.getByTestId("form-drop-container-1");
    await dragElement(page, "noise.width", row);
    await dragElement(page, "noise.height", row);
    await page.getByTestId("form-settings-denoise.steps").click();
    await page.getByTestId("form-label-denoise.steps").fill("Steps");
    await pickOption(page, page.getByTestId("form-component-denoise.steps"), "Slider");
    await page.keyboard.press("Escape");
    await screenshot(page, "workflows-form-builder");

    await page.getByTestId("form-edit-toggle").click({ force: true });
    const sizes = page.getByTestId("form-row-container-1");
    expect(await sizes.getByTestId("form-element-noise.width").count()).toBe(1);
    expect(await sizes.getByTestId("form-element-noise.height").count()).toBe(1);
    expect(await page.getByTestId("form-label-shown-denoise.steps").textContent()).toBe("Steps");
    const slider = page.getByTestId("form-field-denoise-steps");
    await page.getByTestId("form-field-denoise-steps-thumb").focus();
    for (let n = 0; n < 12; n += 1) await page.keyboard.press("ArrowLeft");
    await expect.poll(() => slider.getAttribute("data-value")).toBe("8");
    await pickOption(page, page.getByTestId("form-field-model-model"), "Impasto Shapes (demo)");
    await page.getByTestId("workflow-invoke").click();
    const status = page.getByTestId("workflow-run-status");
    const ended = async () => ((await status.count()) > 0 ? await status.getAttribute("data-status") : null);
    await expect.poll(ended, { timeout: 240_000 }).toMatch(/completed|failed/);
    await screenshot(page, "workflows-form-built-run");
    expect(await ended()).toBe("completed");
    await page.getByTestId("form-image").waitFor();

    const { graph, form } = (await saveAs(page, "Built form (e2e)")).workflow;
    expect(graph.nodes.denoise?.steps).toBe(8);
    const root = form?.elements[form.root_id] as { children: string[] };
    expect(root.children.slice(0, 3)).toEqual(["heading-1", "container-1", "model.model"]);
    expect(form?.elements["heading-1"]).toMatchObject({ type: "heading", text: "Size" });
    expect(form?.elements["container-1"]).toMatchObject({ layout: "row", children: ["noise.width", "noise.height"] });
    expect(form?.elements["denoise.steps"]).toMatchObject({ label: "Steps", component: "slider" });
  }, 300_000);

  it("shows the server's problems with the graph on the node and input they concern", async () => {
    await page.getByTestId("workflow-mode").getByText("Graph").click();
    await page.getByTestId("workflow-new").click();
    const at = await pane(page);
    await addNode(page, at.x + 200, at.y + 120, "save image", "save_image");
    await page.keyboard.press("Escape");
    const input = page.getByTestId("issue-save_image-image");
    await input.waitFor();
    expect(await page.getByTestId("node-save_image").getAttribute("data-issues")).toBe("true");
    expect(await page.getByTestId("issue-save_image").textContent()).toContain("image:");
    expect(Number(await page.getByTestId("workflow-issues").getAttribute("data-count"))).toBeGreaterThan(0);
    await screenshot(page, "workflows-problems");
  });
});
