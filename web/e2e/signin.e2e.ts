/**
 * A studio that asks for its access token (as it does beyond loopback): the sign-in page, the `?token=`
 * link, the studio working on the cookie (API and event stream), and a lost cookie sending the user back
 * to sign in.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Studio, startStudio } from "./server";
import { launch, screenshot } from "./support";

const TOKEN = "e2e-access-token";

describe("signing in", () => {
  let browser: Browser;
  let studio: Studio;
  let temp: string;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "impasto-e2e-signin-"));
    mkdirSync(join(temp, "root"));
    writeFileSync(join(temp, "root", "impasto.yaml"), "install_bundled_models: false\nauth: token\n");
    studio = await startStudio(
      join(temp, "root"),
      "server-signin.log",
      { IMPASTO_AUTH_TOKEN: TOKEN },
      { authorization: `Bearer ${TOKEN}` },
    );
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: studio.url });
    return { context, page: await context.newPage() };
  }

  it("asks for the token, refuses a wrong one and opens the studio with the right one", async () => {
    const { context, page } = await fresh();
    const answer = await page.goto("/queue");
    expect(answer?.status()).toBe(401);
    await screenshot(page, "signin-page");
    await page.getByLabel("Access token").fill("not-it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("not this studio's access token").waitFor();
    await page.getByLabel("Access token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("connection-open").waitFor({ state: "attached", timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe("/queue"); // back where the user was going
    await page.getByTestId("tab-queue").click();
    await page.getByTestId("queue-tab").waitFor();
    await context.close();
  });

  it("trades a ?token= link for the cookie and drops the token from the address", async () => {
    const { context, page } = await fresh();
    await page.goto(`/models?token=${TOKEN}`);
    await page.getByTestId("connection-open").waitFor({ state: "attached", timeout: 20_000 });
    expect(page.url()).not.toContain("token");
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name.startsWith("impasto_auth_"))?.httpOnly).toBe(true);
    await context.close();
  });

  it("goes back to the sign-in page when the cookie is gone", async () => {
    const { context, page } = await fresh();
    await page.goto(`/?token=${TOKEN}`);
    await page.getByTestId("connection-open").waitFor({ state: "attached", timeout: 20_000 });
    await context.clearCookies();
    await page.getByTestId("tab-queue").click(); // the queue tab asks the API, which now says 401
    await page.waitForURL(/\/login\?next=/, { timeout: 20_000 });
    await page.getByLabel("Access token").waitFor();
    await context.close();
  });
});
