/** Shared helpers of the browser tests: Debian's Chromium through playwright-core, and the server's API. */
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export const baseUrl = () => inject("baseUrl");

/** A fresh browser context (empty local storage) on the studio, with the event stream connected. */
export async function openStudio(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl() });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  await page.goto("/");
  await page.getByTestId("connection-open").waitFor({ state: "attached", timeout: 20_000 });
  return page;
}

/** Calls the server's API directly (to set up or check state without going through the UI). */
export async function api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: init?.method ?? (init?.body === undefined ? "GET" : "POST"),
    headers: init?.body === undefined ? undefined : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

/** Polls `check` until it returns a value that is not undefined/false. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface ItemPage {
  items: { item_id: number; status: string }[];
}

/** Waits until the queue has nothing pending or running (so specs do not see each other's work). */
export async function queueIdle(timeoutMs = 120_000): Promise<void> {
  await eventually(
    async () => {
      const page = await api<ItemPage>("/api/v1/queue/items?status=pending&status=in_progress&limit=1");
      return page.items.length === 0;
    },
    timeoutMs,
    "an idle queue",
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(inject("artifacts"), "screenshots", `${name}.png`) });
}

/** Fills a text box the way a user types into it. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const box = page.getByTestId(testId);
  await box.click();
  await box.press("ControlOrMeta+a");
  await box.pressSequentially(text);
  await expect.poll(() => box.inputValue()).toBe(text);
}

interface QueueItem {
  status: string;
  result?: { outputs?: { save?: { image?: { image_name: string } } } } | null;
}

/** Generates one small image through the API and answers its name once it is stored. */
export async function generateImage(prompt: string): Promise<string> {
  const { item_ids } = await api<{ item_ids: number[] }>("/api/v1/generate", { body: { prompt, seed: 7, steps: 8 } });
  return eventually(
    async () => {
      const item = await api<QueueItem>(`/api/v1/queue/items/${item_ids[0]}`);
      if (item.status === "failed" || item.status === "canceled") throw new Error(`generation ${item.status}`);
      return item.result?.outputs?.save?.image?.image_name;
    },
    120_000,
    "the generated image",
  );
}

/** Drops a file from "the desktop" onto an element, as the browser would (a DataTransfer with Files). */
export async function dropFile(
  page: Page,
  selector: string,
  bytes: Buffer,
  name: string,
  type = "image/png",
): Promise<void> {
  await page.evaluate(
    ({ selector, base64, name, type }) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      const target = document.querySelector(selector);
      if (!target) throw new Error(`nothing matches ${selector}`);
      for (const kind of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { selector, base64: bytes.toString("base64"), name, type },
  );
}

interface Job {
  id: string;
  state: string;
  model_key?: string | null;
  error_message?: string | null;
}

/** Installs a file or folder in place under `name` and answers the model's key once the job is done. */
export async function installInPlace(source: string, name: string): Promise<string> {
  const job = await api<Job>("/api/v1/models/install", { body: { source, inplace: true, name } });
  const done = await eventually(
    async () => {
      const current = await api<Job>(`/api/v1/models/jobs/${job.id}`);
      return ["completed", "error", "canceled"].includes(current.state) && current;
    },
    120_000,
    `the install of ${name}`,
  );
  if (done.state !== "completed" || !done.model_key) throw new Error(`install ${done.state}: ${done.error_message}`);
  return done.model_key;
}

/**
 * Opens the select `field` and clicks its option `name`. A select whose card is still settling (an image
 * just dropped on it loading its preview) may close its dropdown under the pointer, so it is reopened
 * and tried again, a few times, before the test fails.
 */
export async function pickOption(page: Page, field: Locator, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await field.click();
    try {
      await page.getByRole("option", { name }).click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await page.keyboard.press("Escape");
    }
  }
}

/** Picks the main model `name` in the Generate tab's model picker. */
export async function chooseModel(page: Page, name: string): Promise<void> {
  await page.getByTestId("model-select").click();
  await page.getByRole("option", { name, exact: true }).click();
  await expect.poll(() => page.getByTestId("model-select").inputValue()).toBe(name);
}
