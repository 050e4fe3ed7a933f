/**
 * Batches from the workflow editor with a real server: the demo workflow fed by a String Batch of two
 * prompts is invoked with a batch count of 2, the editor shows the 4 items it makes and the queue holds
 * them; an input renamed on its node undoes and redoes, keeps its label through save and reopen and shows
 * it in the form; an Image Batch takes files dropped on its list, shown as thumbnails and counted.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, dropFile, launch, openStudio, pickOption, queueIdle, screenshot } from "./support";

const DEMO = "Text to Image - Impasto Shapes (demo)";
const NAME = "Batch of prompts (e2e)";

interface Edge {
  source: { node_id: string; field: string };
  destination: { node_id: string; field: string };
}

interface Document {
  name: string;
  graph: { nodes: Record<string, unknown>; edges: Edge[] };
  layout: Record<string, unknown>;
  [key: string]: unknown;
}

/** The demo workflow with its prompt fed by a String Batch of two prompts, saved as a user workflow. */
async function saveBatchWorkflow(): Promise<string> {
  const shipped = await api<{ items: { id: string; name: string }[] }>("/api/v1/workflows?category=default");
  const id = shipped.items.find((item) => item.name === DEMO)?.id;
  if (!id) throw new Error(`${DEMO} is not shipped`);
  const demo = (await api<{ workflow: Document }>(`/api/v1/workflows/${id}?mark_opened=false`)).workflow;
  const graph = {
    ...demo.graph,
    nodes: {
      ...demo.graph.nodes,
      prompts: { id: "prompts", type: "string_batch", strings: ["a red circle", "a blue square"] },
    },
    edges: [
      ...demo.graph.edges.filter(
        (edge) => edge.destination.node_id !== "positive" || edge.destination.field !== "prompt",
      ),
      { source: { node_id: "prompts", field: "value" }, destination: { node_id: "positive", field: "prompt" } },
    ],
  };
  const layout = {
    ...demo.layout,
    prompts: { position: { x: 0, y: 620 }, label: "", notes: "", collapsed: false },
  };
  const saved = await api<{ id: string }>("/api/v1/workflows", { body: { ...demo, name: NAME, graph, layout } });
  return saved.id;
}

async function openWorkflow(page: Page, name: string): Promise<void> {
  await page.getByTestId("workflow-open").click();
  await page.getByTestId("workflow-search").fill(name.split(" ")[0] ?? name);
  await page.locator(`[data-testid=workflow-item][data-name="${name}"]`).click();
  await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(name);
  await page.waitForTimeout(300);
}

describe("workflow batches", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await queueIdle();
    await saveBatchWorkflow();
    await page.getByTestId("tab-workflows").click();
    await page.getByTestId("workflow-editor").waitFor();
  });
  afterAll(async () => {
    await api("/api/v1/queue/cancel_all", { body: {} }).catch(() => undefined);
    await api("/api/v1/queue/resume", { body: {} }).catch(() => undefined);
    await browser?.close();
  });

  it("invokes the batch twice: 4 queue items, counted before and followed after", async () => {
    await openWorkflow(page, NAME);
    await pickOption(page, page.getByTestId("field-model-model"), "Impasto Shapes (demo)");
    const count = page.getByTestId("workflow-item-count");
    expect(await count.getAttribute("data-count")).toBe("2");
    await page.getByTestId("workflow-runs").fill("2");
    await expect.poll(() => count.getAttribute("data-count")).toBe("4");
    expect(await count.textContent()).toBe("4 items");

    // Paused, the worker leaves the items queued for the test to count.
    await api("/api/v1/queue/pause", { body: {} });
    await page.getByTestId("workflow-invoke").click();
    const status = page.getByTestId("workflow-run-status");
    await expect.poll(() => status.getAttribute("data-items")).toBe("4");
    expect(await status.textContent()).toContain("0 of 4 done");
    const pending = await api<{ items: { item_id: number }[] }>("/api/v1/queue/items?status=pending");
    expect(pending.items.length).toBe(4);
    await screenshot(page, "workflow-batch-queued");

    await api("/api/v1/queue/cancel_all", { body: {} });
    await api("/api/v1/queue/resume", { body: {} });
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 20_000 }).toBe("canceled");
    expect(await status.textContent()).toContain("4 of 4 done");
  });

  it("renames an input on its node, undoably, saved in the layout and shown in the form", async () => {
    await page.getByTestId("input-label-denoise-steps").dblclick();
    const edit = page.getByTestId("input-label-edit-denoise-steps");
    await edit.fill("Steps to take");
    await edit.press("Enter");
    const label = page.getByTestId("input-label-denoise-steps");
    await expect.poll(() => label.textContent()).toBe("Steps to take");
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+z");
    await expect.poll(() => label.textContent()).toBe("steps");
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => label.textContent()).toBe("Steps to take");
    await page.getByTestId("workflow-save").click();
    await expect.poll(() => page.getByTestId("workflow-dirty").count()).toBe(0);

    await page.getByTestId("workflow-new").click();
    await openWorkflow(page, NAME);
    expect(await page.getByTestId("input-label-denoise-steps").textContent()).toBe("Steps to take");
    await screenshot(page, "workflow-batch-renamed-input");
    await page.getByText("Form", { exact: true }).click();
    const shown = page.getByTestId("form-label-shown-denoise.steps");
    await expect.poll(() => shown.textContent()).toBe("Steps to take");
    await page.getByText("Graph", { exact: true }).click();
  });

  it("drops files on an Image Batch's list and counts its items", async () => {
    await page.getByTestId("workflow-new").click();
    const pane = await page.locator(".react-flow__pane").boundingBox();
    if (!pane) throw new Error("no pane");
    await page.mouse.dblclick(pane.x + 120, pane.y + 120);
    await page.getByTestId("node-palette-search").fill("image batch");
    await page.getByTestId("palette-image_batch").click();
    await page.keyboard.press("Escape");
    await page.getByTestId("workflow-runs").fill("1");
    const png = readFileSync(join(inject("fixtures"), "a1111.png"));
    const list = page.getByTestId("field-image_batch-images");
    await dropFile(page, "[data-testid=field-image_batch-images]", png, "one.png");
    await expect.poll(() => list.getAttribute("data-count")).toBe("1");
    await dropFile(page, "[data-testid=field-image_batch-images]", png, "two.png");
    await expect.poll(() => list.getAttribute("data-count")).toBe("2");
    await page.getByTestId("field-image_batch-images-item").first().locator("img").waitFor();
    expect(await page.getByTestId("workflow-item-count").getAttribute("data-count")).toBe("2");
    await screenshot(page, "workflow-batch-image-list");
    await page.getByRole("button", { name: "Remove image 1" }).click();
    await expect.poll(() => list.getAttribute("data-count")).toBe("1");
  });
});
