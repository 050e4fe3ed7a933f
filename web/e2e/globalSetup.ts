/**
 * Starts a real Impasto server on a fresh temporary root (which installs the bundled demo model) and
 * writes the test fixtures (a folder of tiny models to scan, an AUTOMATIC1111 PNG) meanwhile. The tests
 * get the server's URL and the fixture folder through `inject`. The server's log is kept with the other
 * test artifacts in `web/test-results/`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    fixtures: string;
    artifacts: string;
  }
}

const web = resolve(import.meta.dirname, "..");
const repo = resolve(web, "..");
export const artifacts = join(web, "test-results");

function python(): string {
  if (process.env.IMPASTO_PYTHON) return process.env.IMPASTO_PYTHON;
  const venv = join(repo, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** The environment without IMPASTO_* settings, so the server runs on exactly the test root's defaults. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("IMPASTO_")));
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the server exited with ${server.exitCode}; see ${artifacts}/server.log`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s; see ${artifacts}/server.log`);
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (server.exitCode !== null) return done();
    const killer = setTimeout(() => server.kill("SIGKILL"), 20_000);
    server.once("exit", () => {
      clearTimeout(killer);
      done();
    });
    server.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject) {
  mkdirSync(join(artifacts, "screenshots"), { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), "impasto-e2e-"));
  const fixtures = join(temp, "fixtures");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(artifacts, "server.log"));
  const server = spawn(
    python(),
    ["-m", "impasto", "serve", "--root", join(temp, "root"), "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: repo,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  try {
    await Promise.all([
      promisify(execFile)(python(), ["-m", "tests.web.e2e_fixtures", fixtures], { cwd: repo, env: cleanEnv() }),
      waitForHealth(baseUrl, server, 120_000),
    ]);
  } catch (error) {
    await stop(server);
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("fixtures", fixtures);
  project.provide("artifacts", artifacts);
  return async () => {
    await stop(server);
    log.end();
    rmSync(temp, { recursive: true, force: true });
  };
}
