/** Boards: create one, drag an image onto it, see the counts follow, star and delete with confirmation. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, eventually, generateImage, launch, openStudio, queueIdle, screenshot, typeInto } from "./support";

describe("boards", () => {
  let browser: Browser;
  let page: Page;
  let image: string;

  beforeAll(async () => {
    await queueIdle();
    image = await generateImage("a white triangle");
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => browser?.close());

  it("creates a board and moves an image onto it by drag and drop", async () => {
    await page.getByTestId("new-board").click();
    await page.getByTestId("board-name-input").fill("Keepers");
    await page.getByTestId("board-name-submit").click();
    const board = page.locator("[data-board-name=Keepers]");
    await board.waitFor();
    const boardId = await board.getAttribute("data-testid");
    // Creating a board selects it; the image is in "All images".
    await page.getByTestId("board-all").click();
    const tile = page.locator(`[data-testid=gallery-image][data-image-name="${image}"]`);
    await tile.dragTo(board);
    const countId = boardId?.replace("board-", "board-count-") ?? "";
    await expect.poll(() => page.getByTestId(countId).textContent(), { timeout: 15_000 }).toBe("1");
    await board.click();
    await expect.poll(() => page.getByTestId("gallery-image").count()).toBe(1);
    expect(await page.getByTestId("gallery-image").getAttribute("data-image-name")).toBe(image);
    const record = await api<{ board_id: string | null }>(`/api/v1/images/${image}`);
    expect(`board-${record.board_id}`).toBe(boardId);
    await screenshot(page, "boards");
  });

  it("undoes the move with Ctrl+Z", async () => {
    await page.locator("body").click({ position: { x: 640, y: 400 } });
    await page.keyboard.press("Control+z");
    await eventually(
      async () => (await api<{ board_id: string | null }>(`/api/v1/images/${image}`)).board_id === null,
      15_000,
      "the image back on no board",
    );
    await expect.poll(() => page.getByTestId("gallery-image").count()).toBe(0);
  });

  it("puts new images on the selected board", async () => {
    const board = page.locator("[data-board-name=Keepers]");
    await board.click();
    const boardId = (await board.getAttribute("data-testid"))?.replace("board-", "");
    await typeInto(page, "prompt", "a purple circle on a white background");
    await page.getByTestId("steps-input").fill("8");
    await page.getByTestId("invoke").click();
    await expect.poll(() => page.getByTestId("gallery-image").count(), { timeout: 120_000 }).toBe(1);
    const name = await page.getByTestId("gallery-image").getAttribute("data-image-name");
    expect((await api<{ board_id: string | null }>(`/api/v1/images/${name}`)).board_id).toBe(boardId);
  });

  it("stars, selects and deletes with confirmation", async () => {
    await page.getByTestId("board-all").click();
    const tile = page.locator(`[data-testid=gallery-image][data-image-name="${image}"]`);
    await tile.click();
    await page.getByTestId("selection-actions").getByRole("button", { name: "Star", exact: true }).click();
    await tile.getByTestId("tile-star").waitFor();
    await page.keyboard.press("Delete");
    await page.getByTestId("confirm-delete").click();
    await tile.waitFor({ state: "detached" });
    await expect(api(`/api/v1/images/${image}`)).rejects.toThrow(/404/);
  });
});
