import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: a real `impasto serve` on a temporary root (started once by the global setup) driven
// by Debian's Chromium through playwright-core. Files run one after another: one server, two cores.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["e2e/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    sequence: { shuffle: false },
  },
});
