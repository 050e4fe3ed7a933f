/**
 * Starts a real Impasto server on a fresh temporary root (which installs the bundled demo model) and
 * writes the test fixtures (a folder of tiny models to scan, an AUTOMATIC1111 PNG) meanwhile. The tests
 * get the server's URL and the fixture folder through `inject`. The server's log is kept with the other
 * test artifacts in `web/test-results/`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { artifacts, cleanEnv, python, repo, startStudio } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    fixtures: string;
    artifacts: string;
  }
}

export default async function setup(project: TestProject) {
  mkdirSync(join(artifacts, "screenshots"), { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), "impasto-e2e-"));
  const fixtures = join(temp, "fixtures");
  const [started, written] = await Promise.allSettled([
    // the scan and install tests read the fixture folder, which the server may read only when listed (node
    // packs: its packs folder)
    startStudio(join(temp, "root"), "server.log", {
      IMPASTO_MODEL_DIRS: fixtures,
      IMPASTO_NODE_PACK_SOURCE_DIRS: join(fixtures, "packs"),
    }),
    promisify(execFile)(python(), ["-m", "tests.web.e2e_fixtures", fixtures], { cwd: repo, env: cleanEnv() }),
  ]);
  if (started.status === "rejected") throw started.reason;
  const studio = started.value;
  if (written.status === "rejected") {
    await studio.stop();
    throw written.reason;
  }
  project.provide("baseUrl", studio.url);
  project.provide("fixtures", fixtures);
  project.provide("artifacts", artifacts);
  return async () => {
    await studio.stop();
    rmSync(temp, { recursive: true, force: true });
  };
}
