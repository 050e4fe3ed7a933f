/**
 * The workflow editor with a real server and the demo model: the shipped demo workflow opens, runs and
 * shows its image on the save node; nodes come from the palette and connect by dragging between handles;
 * a connection of the wrong type is refused with its reason; a workflow saved as a user copy reopens
 * unchanged; edits undo and redo, and selected nodes duplicate and copy and paste as JSON text; node
 * labels, notes and free-standing notes are saved; the demo's form runs without the graph with a new
 * prompt, and a node's field is added to the form from the graph.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, launch, openStudio, pickOption, queueIdle, screenshot } from "./support";

const DEMO = "Text to Image - Impasto Shapes (demo)";
const COPY = "My shapes (e2e)";
/** How long a run of the demo model may take on a busy machine, and a test that makes one. */
const RUN_MS = 240_000;
const RUN_TEST_MS = RUN_MS + 60_000;

interface Record {
  id: string;
  name: string;
  category: string;
  workflow: { graph: unknown; layout: unknown };
}

async function openWorkflow(page: Page, name: string): Promise<void> {
  await page.getByTestId("workflow-open").click();
  await page.getByTestId("workflow-search").fill(name.split(" ")[0] ?? name);
  await page.locator(`[data-testid=workflow-item][data-name="${name}"]`).click();
  await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(name);
  await page.waitForTimeout(300);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse from one handle to another, as a user draws an edge. */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await centre(from);
  const end = await centre(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

/** Adds a node from the palette, opened by a double click on the empty graph at (x, y). */
async function addNode(page: Page, x: number, y: number, query: string, type: string): Promise<Locator> {
  await page.mouse.dblclick(x, y);
  await page.getByTestId("node-palette-search").fill(query);
  await page.getByTestId(`palette-${type}`).click();
  return page.getByTestId(`node-${type}`);
}

describe("workflow editor", () => {
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

  it(
    "opens the shipped demo workflow, runs it with the demo model and shows the image",
    async () => {
      await openWorkflow(page, DEMO);
      await expect.poll(() => page.locator(".react-flow__node").count()).toBe(10);
      await pickOption(page, page.getByTestId("field-model-model"), "Impasto Shapes (demo)");
      await page.getByTestId("workflow-invoke").click();
      const save = page.getByTestId("node-save");
      await save.getByTestId("node-image").waitFor({ timeout: RUN_MS });
      expect(await save.getAttribute("data-status")).toBe("done");
      expect(await page.getByTestId("workflow-run-status").getAttribute("data-status")).toBe("completed");
      const image = await save.getByTestId("node-image").getAttribute("data-image");
      const record = await api<{ image_name: string; intermediate: boolean }>(`/api/v1/images/${image}`);
      expect(record.intermediate).toBe(false);
      await screenshot(page, "workflows-demo-run");
    },
    RUN_TEST_MS,
  );

  it("saves the workflow as a user copy that reopens unchanged", async () => {
    await page.getByTestId("workflow-save").click();
    await page.getByTestId("save-as-name").fill(COPY);
    await page.getByTestId("save-as-confirm").click();
    await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(COPY);
    const listed = await api<{ items: { id: string; name: string }[] }>(`/api/v1/workflows?category=user`);
    const id = listed.items.find((item) => item.name === COPY)?.id;
    expect(id).toBeDefined();
    const saved = await api<Record>(`/api/v1/workflows/${id}?mark_opened=false`);
    expect(saved.category).toBe("user");

    await page.getByTestId("workflow-new").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(0);
    await openWorkflow(page, COPY);
    expect(await page.getByTestId("workflow-dirty").count()).toBe(0);
    await page.getByTestId("workflow-save").click();
    await page.waitForTimeout(500);
    const again = await api<Record>(`/api/v1/workflows/${id}?mark_opened=false`);
    expect(again.workflow.graph).toEqual(saved.workflow.graph);
    expect(again.workflow.layout).toEqual(saved.workflow.layout);
    await screenshot(page, "workflows-reopened");
  });

  it("adds nodes from the palette, connects handles and refuses a wrong type with its reason", async () => {
    await page.getByTestId("workflow-new").click();
    const pane = await page.locator(".react-flow__pane").boundingBox();
    if (!pane) throw new Error("no pane");
    const text = await addNode(page, pane.x + 80, pane.y + 80, "string", "string");
    const prompt = await addNode(page, pane.x + 420, pane.y + 80, "compel", "compel");
    const save = await addNode(page, pane.x + 420, pane.y + 380, "save image", "save_image");
    await page.keyboard.press("Escape");

    await connect(page, text.getByTestId("handle-source-value"), prompt.getByTestId("handle-target-prompt"));
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(1);
    expect(await prompt.getByTestId("field-compel-prompt").count()).toBe(0);

    await connect(page, text.getByTestId("handle-source-value"), save.getByTestId("handle-target-image"));
    const refusal = page.getByTestId("connection-refused");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("string.value (str) cannot feed save_image.image (ImageField)");
    expect(await page.locator(".react-flow__edge").count()).toBe(1);
    await screenshot(page, "workflows-refused");

    await page.keyboard.press("Space");
    await page.getByTestId("node-palette").waitFor();
    await page.keyboard.press("Escape");
  });

  it("undoes and redoes edits, duplicates nodes and copies and pastes them as JSON text", async () => {
    await page.getByTestId("workflow-new").click();
    const pane = await page.locator(".react-flow__pane").boundingBox();
    if (!pane) throw new Error("no pane");
    const node = await addNode(page, pane.x + 120, pane.y + 120, "integer", "integer");
    const field = node.getByTestId("field-integer-value");
    await field.fill("42");
    await page.getByTestId("workflow-editor").focus();
    const nodes = page.locator(".react-flow__node");

    await page.keyboard.press("Control+z");
    expect(await field.inputValue()).not.toBe("42");
    await page.keyboard.press("Control+Shift+z");
    expect(await field.inputValue()).toBe("42");
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    await expect.poll(() => nodes.count()).toBe(0);
    await page.keyboard.press("Control+Shift+z");
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => nodes.count()).toBe(1);
    expect(await field.inputValue()).toBe("42");

    await node.locator("p").first().click();
    await page.keyboard.press("Control+d");
    await expect.poll(() => nodes.count()).toBe(2);
    expect(await page.getByTestId("field-integer_2-value").inputValue()).toBe("42");

    const copied = await page.getByTestId("workflow-editor").evaluate((editor) => {
      const data = new DataTransfer();
      editor.dispatchEvent(new ClipboardEvent("copy", { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData("text/plain");
    });
    const payload = JSON.parse(copied) as { format: string; nodes: { id: string }[] };
    expect(payload.format).toBe("impasto.nodes");
    expect(payload.nodes.map((copy) => copy.id)).toEqual(["integer_2"]);
    await page.getByTestId("workflow-editor").evaluate((editor, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, copied);
    await expect.poll(() => nodes.count()).toBe(3);
    expect(await page.getByTestId("field-integer_3-value").inputValue()).toBe("42");
    await page.keyboard.press("Control+z");
    await expect.poll(() => nodes.count()).toBe(2);
    await screenshot(page, "workflows-undo-paste");
  });

  it("renames a node, writes notes on it and beside it, and saves them in the document", async () => {
    await page.getByTestId("workflow-new").click();
    const pane = await page.locator(".react-flow__pane").boundingBox();
    if (!pane) throw new Error("no pane");
    await addNode(page, pane.x + 300, pane.y + 200, "integer", "integer");
    await page.getByTestId("node-title-integer").dblclick();
    await page.getByTestId("node-label-input-integer").fill("Seed");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("node-title-integer").textContent()).toBe("Seed");
    await page.getByTestId("node-notes-toggle-integer").click();
    await page.getByTestId("node-notes-integer").fill("Change for another picture");
    await page.getByTestId("workflow-add-note").click();
    await page.getByTestId("note-text-note").fill("This workflow makes one number");

    await page.getByTestId("workflow-save").click();
    await page.getByTestId("save-as-name").fill("Notes (e2e)");
    await page.getByTestId("save-as-confirm").click();
    await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe("Notes (e2e)");
    const listed = await api<{ items: { id: string; name: string }[] }>(`/api/v1/workflows?category=user`);
    const id = listed.items.find((item) => item.name === "Notes (e2e)")?.id;
    const saved = await api<{
      workflow: { layout: { [id: string]: { label: string; notes: string } }; sticky_notes: { text: string }[] };
    }>(`/api/v1/workflows/${id}?mark_opened=false`);
    expect(saved.workflow.layout.integer).toMatchObject({ label: "Seed", notes: "Change for another picture" });
    expect(saved.workflow.sticky_notes.map((note) => note.text)).toEqual(["This workflow makes one number"]);
    await screenshot(page, "workflows-notes");
  });

  it(
    "fills in the demo workflow's form, invokes it without the graph, and adds a field from the graph",
    async () => {
      await openWorkflow(page, DEMO);
      const mode = page.getByTestId("workflow-mode");
      await mode.getByText("Form").click();
      await page.getByTestId("workflow-form").waitFor();
      expect(await page.locator(".react-flow__node").count()).toBe(0);
      await pickOption(page, page.getByTestId("form-field-model-model"), "Impasto Shapes (demo)");
      const prompt = "a green square on a yellow background";
      await page.getByTestId("form-field-prompt_text-value").fill(prompt);
      await page.getByTestId("workflow-invoke").click();
      const image = page.getByTestId("form-image");
      await image.waitFor({ timeout: RUN_MS });
      expect(await page.getByTestId("workflow-run-status").getAttribute("data-status")).toBe("completed");
      const name = await image.getAttribute("data-image");
      const { recall } = await api<{ recall: { positive_prompt?: string | null } }>(`/api/v1/images/${name}/metadata`);
      expect(recall.positive_prompt).toBe(prompt);
      await screenshot(page, "workflows-form-run");

      await mode.getByText("Graph").click();
      const add = page.getByTestId("add-to-form-denoise-scheduler");
      await add.click();
      await expect.poll(() => add.isDisabled()).toBe(true);
      await page.getByTestId("workflow-editor").focus();
      await page.keyboard.press("Control+z");
      await expect.poll(() => add.isDisabled()).toBe(false);
      await page.keyboard.press("Control+Shift+z");
      await expect.poll(() => add.isDisabled()).toBe(true);
      await mode.getByText("Form").click();
      await page.getByTestId("form-field-denoise-scheduler").waitFor();
      expect(await page.getByTestId("form-field-prompt_text-value").inputValue()).toBe(prompt);
      await mode.getByText("Graph").click();
    },
    RUN_TEST_MS,
  );
});
