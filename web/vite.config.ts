import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The dev server proxies the API (and its WebSocket) to a running `impasto serve`, so `npm run dev`
// gives hot reloading against real data: IMPASTO_URL=http://127.0.0.1:9090 by default.
const server = process.env.IMPASTO_URL ?? "http://127.0.0.1:9090";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: {
    proxy: {
      "/api/v1/events": { target: server, ws: true },
      "/api": server,
      "/docs": server,
      "/openapi.json": server,
    },
  },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
