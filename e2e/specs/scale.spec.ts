import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { shot } from "./support";

// The curves view at scale: 500 runs of 2,000 steps and one of 100,000 (loss and lr each), seeded
// straight into the server's PostgreSQL by benchmarks/curves.py, overlaid in the browser. The
// time from navigation to the drawn chart is recorded (e2e/test-results/curves-timing.txt and the
// console; docs/benchmarks.md, UI section) but not asserted: the machine's load would decide it.
const ROOT = resolve(import.meta.dirname, "../..");
let ids: string[] = [];
let big = "";

test.beforeAll(() => {
  const url = process.env.TUNIX_RT_E2E_DATABASE_URL;
  if (!url) throw new Error("TUNIX_RT_E2E_DATABASE_URL is not set (global-setup.ts sets it)");
  const out = execFileSync(join(ROOT, ".venv/bin/python"), ["-m", "benchmarks.curves", "--seed-only", url], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  ({ ids, big } = JSON.parse(out) as { ids: string[]; big: string });
});

/** Navigates and waits until the loss chart has drawn `runs` series' data; returns the milliseconds. */
async function timeToChart(page: Page, path: string, runs: number): Promise<number> {
  const start = Date.now();
  await page.goto(path);
  await expect(page.getByTestId("chart-loss")).toHaveAttribute("data-drawn-rows", /^[1-9]\d*$/, { timeout: 60_000 });
  const took = Date.now() - start;
  await expect(page.getByTestId("chart-learning rate")).toHaveAttribute("data-drawn-rows", /^[1-9]\d*$/);
  if (runs > 1) await expect(page.getByText(`points, ${runs} runs`)).toHaveCount(2);
  return took;
}

function record(line: string): void {
  console.log(line);
  const folder = resolve(import.meta.dirname, "../test-results");
  mkdirSync(folder, { recursive: true });
  appendFileSync(join(folder, "curves-timing.txt"), `${new Date().toISOString()} ${line}\n`);
}

test("500 runs and a 100,000-step run overlaid draw from one request", async ({ page }) => {
  test.setTimeout(120_000);
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/metrics")) requests.push(new URL(request.url()).pathname);
  });
  const all = [...ids, big];
  const overlay = await timeToChart(page, `/runs/compare?ids=${all.join(",")}`, all.length);
  expect(requests).toEqual(["/api/runs/metrics"]);
  const points = Number(await page.getByTestId("chart-loss").getAttribute("data-points"));
  expect(points).toBeGreaterThan(0);
  expect(points).toBeLessThanOrEqual(60_000);
  await shot(page, "runs-compare-500");

  // The page stays usable: the chart answers the pointer and the nav still navigates.
  await page.getByTestId("chart-loss").locator(".u-over").hover({ position: { x: 150, y: 100 } });
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();

  const alone = await timeToChart(page, `/runs/compare?ids=${big}`, 1);
  const detail = await timeToChart(page, `/runs/${big}`, 1);
  await shot(page, "run-100k-steps");
  record(`time-to-chart: ${all.length} runs overlaid ${overlay} ms (${points} loss points); 100,000-step run alone ${alone} ms, its run page ${detail} ms`);
});
