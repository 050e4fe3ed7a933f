/**
 * Importing InvokeAI workflows through the library dialog's Import… button: a file whose nodes all map
 * opens in the editor with its nodes (InvokeAI's `rand_int` as Impasto's `random_int`, the kept image as an
 * added save node) and a green notice; a file with a node Impasto lacks opens without it and the notice
 * names the node and why.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStudio, launch, screenshot } from "./support";

const FIXTURE = join(import.meta.dirname, "..", "..", "tests", "workflows", "invokeai_files", "text_to_image_v4.json");

interface InvokeAIWorkflow {
  name: string;
  nodes: Array<Record<string, unknown>>;
}

function invokeaiWorkflow(name: string): InvokeAIWorkflow {
  const data = JSON.parse(readFileSync(FIXTURE, "utf8")) as InvokeAIWorkflow;
  return { ...data, name };
}

/** Picks the file in the library dialog's Import… file chooser, as a user does. */
async function importFile(page: Page, workflow: InvokeAIWorkflow): Promise<void> {
  await page.getByTestId("workflow-open").click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("workflow-import").click();
  await (
    await chooser
  ).setFiles({
    name: `${workflow.name}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(workflow)),
  });
  await expect.poll(() => page.getByTestId("workflow-name").textContent()).toBe(workflow.name);
}

describe("InvokeAI workflow import", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await page.getByTestId("tab-workflows").click();
    await page.getByTestId("workflow-editor").waitFor();
  });
  afterAll(async () => browser?.close());

  it("opens an InvokeAI workflow with its nodes mapped", async () => {
    await importFile(page, invokeaiWorkflow("InvokeAI text to image (e2e)"));
    for (const id of ["model", "seed", "positive", "negative", "noise", "denoise", "decode", "decode-gallery"]) {
      await page.getByTestId(`node-${id}`).waitFor();
    }
    await page.getByText("Workflow imported").waitFor();
    await expect.poll(() => page.getByText("left out").count()).toBe(0);
    await screenshot(page, "workflow-import-invokeai");
  });

  it("reports a node Impasto has no counterpart for", async () => {
    const workflow = invokeaiWorkflow("InvokeAI with a face node (e2e)");
    workflow.nodes.push({
      id: "faces",
      type: "invocation",
      position: { x: 0, y: 600 },
      data: { id: "faces", type: "face_off", version: "1.2.2", isOpen: true, inputs: {} },
    });
    await importFile(page, workflow);
    await page.getByText("1 thing was left out", { exact: false }).waitFor();
    await page.getByText("faces: no Impasto node for 'face_off'").waitFor();
    await page.getByTestId("node-denoise").waitFor();
    expect(await page.getByTestId("node-faces").count()).toBe(0);
    await screenshot(page, "workflow-import-invokeai-report");
  });
});
