/** Starting and stopping real `impasto serve` processes for the browser tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const web = resolve(import.meta.dirname, "..");
export const repo = resolve(web, "..");
export const artifacts = join(web, "test-results");

export function python(): string {
  if (process.env.IMPASTO_PYTHON) return process.env.IMPASTO_PYTHON;
  const venv = join(repo, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

export function freePort(): Promise<number> {
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
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("IMPASTO_")));
}

export async function waitForHealth(
  url: string,
  server: ChildProcess,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the server exited with ${server.exitCode}; see ${artifacts}/server.log`);
    try {
      const response = await fetch(`${url}/api/v1/health`, { headers });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s; see ${artifacts}/server.log`);
}

export function stop(server: ChildProcess): Promise<void> {
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

export interface Studio {
  url: string;
  server: ChildProcess;
  stop: () => Promise<void>;
}

/** `impasto serve` on `root` (a free loopback port), its log in `test-results/<logName>`. */
export async function startStudio(
  root: string,
  logName: string,
  env: Record<string, string> = {},
  healthHeaders: Record<string, string> = {},
): Promise<Studio> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(artifacts, logName));
  const server = spawn(
    python(),
    ["-m", "impasto", "serve", "--root", root, "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: repo,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const studio = {
    url,
    server,
    stop: async () => {
      await stop(server);
      log.end();
    },
  };
  try {
    await waitForHealth(url, server, 120_000, healthHeaders);
  } catch (error) {
    await studio.stop();
    throw error;
  }
  return studio;
}
