import { defineConfig } from "@playwright/test";

// Debian's Chromium (apt-get install chromium); Playwright's own browser downloads cannot work here.
const chromium = process.env.TUNIX_RT_E2E_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./specs",
  globalSetup: "./global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: process.env.TUNIX_RT_E2E_OUTPUT ?? "test-results",
  use: {
    // Set by global-setup.ts, which starts `tunix-rt serve` on a free port (workers see its env).
    baseURL: process.env.TUNIX_RT_E2E_URL,
    browserName: "chromium",
    viewport: { width: 1360, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
