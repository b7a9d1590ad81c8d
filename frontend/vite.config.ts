/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The built UI is served by the Python server itself (src/tunix_rt/app.py mounts this folder).
const outDir = fileURLToPath(new URL("../src/tunix_rt/web", import.meta.url));

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Pages are split by React.lazy (features/*/routes.tsx); the heavy libraries get chunks of
        // their own, loaded only by the pages that draw charts (uPlot) or edit configs (yaml), and
        // React with the router and TanStack Query is one shared, long-cached vendor chunk.
        codeSplitting: {
          groups: [
            { name: "uplot", test: /node_modules[\\/]uplot[\\/]/ },
            { name: "yaml", test: /node_modules[\\/]yaml[\\/]/ },
            { name: "vendor", test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    // `make run` (or `tunix-rt serve`) answers the API while Vite serves the UI with hot reload.
    proxy: { "/api": { target: process.env.TUNIX_RT_API ?? "http://127.0.0.1:8000" } },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
    include: ["src/**/*.test.{ts,tsx}"],
    // The test files share one jsdom and one module cache per worker instead of one each: setting
    // up 72 jsdom environments was 36 of the run's 81 s, against 13 s for the whole run shared.
    // What a file leaves behind is reset in src/test/setup.ts (the DOM, notifications, storage,
    // the fake uPlot's calls, console spies), and mocks every file needs are shared modules
    // (src/test/fakeUplot.ts).
    isolate: false,
    // Hang bounds, not speeds: with the load average at 10 on two cores, tests that pass in a
    // second took over vitest's 5 s default (and findBy* waits over testing-library's 1 s).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
