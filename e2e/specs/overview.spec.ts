import { expect, test } from "@playwright/test";
import { shot } from "./support";

test("overview shows health, extras and trace counts", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const server = page.getByRole("region", { name: "Server" }).or(page.locator(".panel", { hasText: "Server" }));
  await expect(server.getByText("ok", { exact: true }).first()).toBeVisible();
  // global-setup.ts serves on a throwaway PostgreSQL cluster.
  await expect(server.getByText("postgresql")).toBeVisible();
  await expect(server.getByText("(at head)")).toBeVisible();
  await expect(page.getByRole("list", { name: "Extras" })).toContainText("postgres");
  await expect(page.getByTestId("total-traces")).not.toHaveText("0");
  // Runs and queue, from GET /api/runs/summary (queue depth, workers alive, runs by status) and GET /api/runs.
  await expect(page.getByTestId("queue-depth")).toBeVisible();
  await expect(page.getByTestId("workers-alive")).not.toHaveText("0");
  await expect(page.getByRole("list", { name: "Runs by status" })).toContainText("succeeded");
  const summary = await (await request.get("/api/runs/summary")).json();
  expect(summary.workers.some((worker: { alive: boolean }) => worker.alive)).toBe(true);
  expect(summary.lease_seconds).toBeGreaterThan(0);
  await shot(page, "overview");
});

test("client routes survive a reload and unknown API paths stay problems", async ({ page, request }) => {
  await page.goto("/traces/add");
  await expect(page.getByRole("heading", { name: "Add traces" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Upload JSONL" })).toBeVisible();
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await request.get("/api/no-such-route");
  expect(api.status()).toBe(404);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
});

test("API errors show once, as a readable problem", async ({ page }) => {
  await page.goto("/traces/00000000-0000-4000-8000-000000000000");
  await expect(page.getByText(/Could not load trace/)).toBeVisible();
  const alert = page.getByRole("alert");
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText("Not found (404)");
  await page.goto("/traces/not-a-uuid");
  await expect(page.getByRole("alert").filter({ hasText: "Invalid input (422)" })).toContainText("path › trace_id");
  await shot(page, "error-problem");
  await page.getByRole("button", { name: "Dismiss" }).first().click();
});
