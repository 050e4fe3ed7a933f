/** The Queue tab: a long generation is cancelled while it runs; pause/resume; retry; clear finished. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, eventually, launch, openStudio, queueIdle, screenshot } from "./support";

interface Item {
  status: string;
}

describe("queue", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await queueIdle();
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => {
    await api("/api/v1/queue/resume", { body: {} }).catch(() => undefined);
    await browser?.close();
  });

  it("cancels a running item from the Queue tab", async () => {
    await page.getByTestId("steps-input").fill("1000");
    await page.getByTestId("invoke").click();
    await page.getByTestId("tab-queue").click();
    const running = page.locator("[data-testid^=queue-item-][data-status=in_progress]");
    await running.waitFor({ timeout: 60_000 });
    const itemId = Number((await running.getAttribute("data-testid"))?.replace("queue-item-", ""));
    await screenshot(page, "queue-running");
    await running.getByTestId("queue-cancel").click();
    const row = page.getByTestId(`queue-item-${itemId}`);
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("canceled");
    expect((await api<Item>(`/api/v1/queue/items/${itemId}`)).status).toBe("canceled");
  });

  it("pauses and resumes the worker, and retries a canceled item while paused", async () => {
    await page.getByTestId("queue-pause").click();
    await expect.poll(() => page.getByTestId("worker-state").textContent()).toContain("paused");
    const row = page.locator("[data-testid^=queue-item-][data-status=canceled]").first();
    const itemId = Number((await row.getAttribute("data-testid"))?.replace("queue-item-", ""));
    await row.getByTestId("queue-retry").click();
    await expect.poll(() => page.getByTestId(`queue-item-${itemId}`).getAttribute("data-status")).toBe("pending");
    await screenshot(page, "queue-paused");
    // The retried 1000-step item must not run: cancel it, then resume.
    await page.getByTestId(`queue-item-${itemId}`).getByTestId("queue-cancel").click();
    await expect.poll(() => page.getByTestId(`queue-item-${itemId}`).getAttribute("data-status")).toBe("canceled");
    await page.getByTestId("queue-resume").click();
    await expect.poll(() => page.getByTestId("worker-state").textContent()).toContain("running");
  });

  it("clears finished items", async () => {
    await queueIdle();
    await page.getByTestId("queue-prune").click();
    await eventually(
      async () => (await api<{ total: number }>("/api/v1/queue/items")).total === 0,
      15_000,
      "an empty queue",
    );
    await expect.poll(() => page.locator("[data-testid^=queue-item-]").count()).toBe(0);
  });
});
