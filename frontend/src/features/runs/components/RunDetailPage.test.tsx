import { act, screen, within, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import uPlot from "uplot";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { FakeEventSource, logLine } from "../../../test/eventSource";
import { SWEEP_ID, evaluationBody, runBody, sweepBody } from "../../../test/fixtures";
import { setData } from "../../../test/fakeUplot";
import { mockApi, renderAt } from "../../../test/render";
import { RunDetailPage } from "./RunDetailPage";

vi.mock("uplot", () => import("../../../test/fakeUplot"));

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

const run = runBody();
const metrics = {
  points: 3000,
  returned: 6,
  series: [
    { run_id: run.id, name: "loss", count: 3, steps: [1, 2, 3], values: [6.2, 6.1, 6.0] },
    { run_id: run.id, name: "lr", count: 3, steps: [1, 2, 3], values: [2e-4, 1e-4, 0] },
    { run_id: run.id, name: "tokens_per_second", count: 0, steps: [], values: [] },
  ],
};
const artifacts = {
  truncated: false,
  items: [
    { path: "checkpoints/checkpoint-5/model.safetensors", size: 2048, sha256: "ab".repeat(32), modified_at: "2026-01-02T03:04:05Z", kind: null, step: null },
    { path: "run_manifest.json", size: 100, sha256: "cd".repeat(32), modified_at: "2026-01-02T03:04:05Z", kind: "artifact", step: null },
  ],
};

it("shows the run, its live log, curves and files", async () => {
  const { calls } = mockApi({
    [`GET /api/runs/${run.id}`]: () => ({ body: run }),
    "GET /api/runs/metrics": () => ({ body: metrics }),
    [`GET /api/runs/${run.id}/artifacts`]: () => ({ body: artifacts }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${run.id}`, path: "/runs/:runId" });
  expect(await screen.findByRole("heading", { name: /Run 11111111/ })).toBeInTheDocument();
  expect(screen.getByTestId("run-status")).toHaveTextContent("running");
  expect(screen.getByRole("button", { name: "Cancel" })).toBeInTheDocument();
  expect(screen.getByText(/max_steps: 15/)).toBeInTheDocument();

  act(() => {
    FakeEventSource.latest().emit("open");
    FakeEventSource.latest().emit("log", logLine(1, "step 1/15 (7%)"), "1");
  });
  expect(within(screen.getByRole("log")).getByText("step 1/15 (7%)")).toBeInTheDocument();

  await waitFor(() => expect(screen.getByTestId("chart-loss")).toHaveAttribute("data-points", "3")); // drawn empty first
  const metricCalls = calls.filter((call) => call.url.pathname.endsWith("/metrics"));
  expect(metricCalls).toHaveLength(1);
  expect(metricCalls[0]!.url.searchParams.get("ids")).toBe(run.id);
  expect(metricCalls[0]!.url.searchParams.get("names")).toBe("loss,lr,tokens_per_second");
  expect(metricCalls[0]!.url.searchParams.get("points")).toBe("3000");
  expect(setData).toHaveBeenCalled();

  const checkpoints = await screen.findByRole("table", { name: "Checkpoints" });
  expect(checkpoints).toHaveTextContent("checkpoints/checkpoint-5");
  expect(screen.getByRole("link", { name: "Download run_manifest.json" })).toHaveAttribute(
    "href",
    `/api/runs/${run.id}/artifacts/run_manifest.json`,
  );
});

it("draws the curves of a run that ended between two polls of its metrics", async () => {
  let stored = false; // the metrics land after the page's last poll and before the run ends
  const ended = runBody({ status: "succeeded", finished_at: "2026-01-02T03:05:00Z" });
  const { calls } = mockApi({
    [`GET /api/runs/${run.id}`]: () => ({ body: stored ? ended : run }),
    "GET /api/runs/metrics": () => ({ body: stored ? metrics : { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${run.id}/artifacts`]: () => ({ body: artifacts }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${run.id}`, path: "/runs/:runId" });
  expect(await screen.findByText(/No metrics yet/)).toBeInTheDocument();

  stored = true;
  act(() => FakeEventSource.latest().emit("status", ended));
  await waitFor(() => expect(screen.getByTestId("chart-loss")).toHaveAttribute("data-points", "3")); // drawn empty first
  expect(calls.filter((call) => call.url.pathname.endsWith("/metrics")).length).toBeGreaterThanOrEqual(2);
});

it("shows the API's problem for an unknown run", async () => {
  mockApi({ [`GET /api/runs/${run.id}`]: () => ({ status: 404, body: { title: "Not found", status: 404, detail: `run ${run.id} does not exist` } }) });
  renderAt(<RunDetailPage />, { url: `/runs/${run.id}`, path: "/runs/:runId" });
  expect(await screen.findByText(`run ${run.id} does not exist`)).toBeInTheDocument();
});

it("resumes a cancelled run from its checkpoint and opens the new run", async () => {
  const stopped = runBody({ status: "cancelled", last_checkpoint: "checkpoints/checkpoint-5", resumable: true });
  const resumed = runBody({ id: "22222222-2222-4222-8222-222222222222", status: "queued", retry_of: stopped.id, last_checkpoint: `../${stopped.id}/checkpoints/checkpoint-5` });
  const { calls } = mockApi({
    [`GET /api/runs/${stopped.id}`]: () => ({ body: stopped }),
    "GET /api/runs/metrics": () => ({ body: { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${stopped.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    [`POST /api/runs/${stopped.id}/resume`]: () => ({ status: 202, body: resumed }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${stopped.id}`, path: "/runs/:runId" });
  const button = await screen.findByRole("button", { name: "Resume" });
  expect(button).toBeEnabled();
  expect(button).toHaveAttribute("title", "Continue from checkpoints/checkpoint-5");
  await userEvent.click(button);
  expect(calls.some((call) => call.method === "POST" && call.url.pathname === `/api/runs/${stopped.id}/resume`)).toBe(true);
  // the location is on the page from the start: wait for it to change, not to appear
  await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/runs/${resumed.id}`));
});

it("offers resume only when the server says the run can resume", async () => {
  const failed = runBody({ status: "failed", error: "boom", last_checkpoint: null, resumable: false });
  mockApi({
    [`GET /api/runs/${failed.id}`]: () => ({ body: failed }),
    "GET /api/runs/metrics": () => ({ body: { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${failed.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${failed.id}`, path: "/runs/:runId" });
  expect(await screen.findByRole("button", { name: "Resume" })).toBeDisabled();
  expect(screen.getByRole("button", { name: "Retry" })).toBeEnabled();
  expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();
});

it.each([
  ["sweep", "/sweeps/"],
  ["loop", "/loops/"],
])("links a run a %s submitted to that %s's page", async (kind, page) => {
  const parentId = "55555555-5555-4555-8555-555555555555";
  const child = runBody({ status: "succeeded", finished_at: "2026-01-02T03:05:00Z", parent_id: parentId });
  mockApi({
    [`GET /api/runs/${child.id}`]: () => ({ body: child }),
    [`GET /api/runs/${parentId}`]: () => ({ body: runBody({ id: parentId, kind }) }),
    "GET /api/runs/metrics": () => ({ body: { points: 0, returned: 0, series: [] } }),
    [`GET /api/runs/${child.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${child.id}`, path: "/runs/:runId" });
  expect(await screen.findByRole("link", { name: `Its ${kind}` })).toHaveAttribute("href", `${page}${parentId}`);
  expect(screen.getByRole("link", { name: `${kind} 55555555` })).toHaveAttribute("href", `${page}${parentId}`);
});

it("shows the scores of a trained run's evaluations and suggests a model name from its dataset and method", async () => {
  const trained = runBody({ status: "succeeded", finished_at: "2026-01-02T03:05:00Z" });
  const newer = evaluationBody({ run_id: "77777777-7777-4777-8777-777777777777", evalset_key: "hard-eval@v2", primary_score: 0.25, strict_accuracy: 0.25, n_items: 40 });
  const { calls } = mockApi({
    [`GET /api/runs/${trained.id}`]: () => ({ body: trained }),
    "GET /api/runs/metrics": () => ({ body: { points: 0, returned: 0, series: [] } }),
    [`GET /api/runs/${trained.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/evaluations": () => ({ body: [newer, evaluationBody()] }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${trained.id}`, path: "/runs/:runId" });
  const table = await screen.findByRole("table", { name: "Evaluations" });
  expect(calls.find((call) => call.url.pathname === "/api/evaluations")?.url.searchParams.get("source_run")).toBe(trained.id);
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((row) => [...row.querySelectorAll("td")].slice(0, 6).map((cell) => cell.textContent))).toEqual([
    ["hard-eval@v2", "25.0% strict_accuracy", "25.0%", "60.0%", "90.0%", "40"],
    ["arith-eval@v1", "50.0% strict_accuracy", "50.0%", "60.0%", "90.0%", "10"],
  ]);
  expect(within(table).getByRole("link", { name: "hard-eval@v2" })).toHaveAttribute("href", `/evaluations/${newer.run_id}`);
  expect(screen.getByLabelText(/^Model name/)).toHaveValue("demo-sft");
  expect(screen.getByRole("link", { name: "Self-improve from this run" })).toHaveAttribute("href", `/loops/new?start=${trained.id}`);
});

it("says a trained run is not evaluated yet", async () => {
  const trained = runBody({ status: "succeeded", finished_at: "2026-01-02T03:05:00Z", dataset_key: null, config: { method: "sft" } });
  mockApi({
    [`GET /api/runs/${trained.id}`]: () => ({ body: trained }),
    "GET /api/runs/metrics": () => ({ body: { points: 0, returned: 0, series: [] } }),
    [`GET /api/runs/${trained.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/evaluations": () => ({ body: [] }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${trained.id}`, path: "/runs/:runId" });
  expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
  expect(screen.getByLabelText(/^Model name/)).toHaveValue("run-11111111");
});

it("shows a finished sweep's trials and best objective instead of empty curves", async () => {
  const body = sweepBody();
  const sweep = { ...body.run, status: "succeeded" as const, finished_at: "2026-01-02T04:00:00Z" };
  mockApi({
    [`GET /api/runs/${SWEEP_ID}`]: () => ({ body: sweep }),
    [`GET /api/sweeps/${SWEEP_ID}`]: () => ({ body: { ...body, run: sweep } }),
    [`GET /api/runs/${SWEEP_ID}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${SWEEP_ID}`, path: "/runs/:runId" });
  const summary = await screen.findByTestId("sweep-summary");
  expect(summary).toHaveTextContent("best strict_accuracy (max)0.3 (trial t3) its training run");
  expect(summary).toHaveTextContent("3 finished (2 succeeded) of 4 planned");
  expect(within(summary).getByRole("link", { name: "its training run" })).toHaveAttribute("href", "/runs/30000000-0000-4000-8000-000000000001");
  expect(within(summary).getByRole("link", { name: /Open the sweep/ })).toHaveAttribute("href", `/sweeps/${SWEEP_ID}`);
  expect(screen.queryByText(/No metrics yet/)).toBeNull();
});

it("shows the run's name in its head and legend, and edits its name and notes in place", async () => {
  let current = runBody({ status: "succeeded", finished_at: "2026-01-02T03:05:00Z", name: "baseline", notes: "first try" });
  const { calls } = mockApi({
    [`GET /api/runs/${run.id}`]: () => ({ body: current }),
    "GET /api/runs/metrics": () => ({ body: metrics }),
    [`GET /api/runs/${run.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    [`PATCH /api/runs/${run.id}`]: (call) => {
      const body = call.body as { name: string | null; notes: string | null };
      if (body.name && body.name.length > 5) {
        return { status: 422, body: { title: "Invalid input", status: 422, detail: "name is too long", errors: [{ loc: ["body", "name"], msg: "too long", type: "string_too_long" }] } };
      }
      current = { ...current, ...body };
      return { body: current };
    },
  });
  renderAt(<RunDetailPage />, { url: `/runs/${run.id}`, path: "/runs/:runId" });
  expect(await screen.findByRole("heading", { name: /Run 11111111 baseline/ })).toBeInTheDocument();
  expect(screen.getByText("first try")).toBeInTheDocument();
  await screen.findByTestId("chart-loss");
  const options = vi.mocked(uPlot).mock.calls.at(-1)![0] as { series: { label: string }[] };
  expect(options.series.map((series) => series.label)).toEqual(["step", "baseline"]);

  await userEvent.click(screen.getByRole("button", { name: "Edit name and notes" }));
  const form = screen.getByRole("form", { name: "Name and notes" });
  await userEvent.clear(within(form).getByLabelText("Name"));
  await userEvent.type(within(form).getByLabelText("Name"), "too long");
  await userEvent.click(within(form).getByRole("button", { name: "Save" }));
  expect(await within(form).findByText("name is too long")).toBeInTheDocument();
  await userEvent.clear(within(form).getByLabelText("Name"));
  await userEvent.type(within(form).getByLabelText("Name"), "best");
  await userEvent.clear(within(form).getByLabelText("Notes"));
  await userEvent.click(within(form).getByRole("button", { name: "Save" }));
  expect(await screen.findByRole("heading", { name: /Run 11111111 best/ })).toBeInTheDocument();
  const patches = calls.filter((call) => call.method === "PATCH");
  expect(patches.at(-1)!.body).toEqual({ name: "best", notes: null });
  expect(screen.queryByRole("form", { name: "Name and notes" })).not.toBeInTheDocument();
});

it("shows a succeeded sample run's result: kept, dropped per reason, pass@1 and pass@k", async () => {
  const sampled = runBody({ kind: "sample", status: "succeeded" });
  mockApi({
    [`GET /api/runs/${sampled.id}`]: () => ({ body: sampled }),
    "GET /api/runs/metrics": () => ({ body: { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${sampled.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    [`GET /api/runs/${sampled.id}/artifacts/sample_summary.json`]: () => ({
      body: {
        prompts: 4,
        completions: 8,
        k: 2,
        kept: 4,
        dropped: { not_verified: 3, no_answer: 1 },
        pass_at_1: 0.5,
        pass_at_k: 0.75,
        prompt_tokens: 120,
        completion_tokens: 300,
      },
    }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${sampled.id}`, path: "/runs/:runId" });
  const result = await screen.findByLabelText("Sample result");
  expect(within(result).getByText("1 no_answer, 3 not_verified")).toBeInTheDocument();
  expect(within(result).getByText("50.0%")).toBeInTheDocument();
  expect(within(result).getByText("pass@2")).toBeInTheDocument();
  expect(within(result).getByText("75.0%")).toBeInTheDocument();
  expect(within(result).getByText("120 prompt + 300 completion")).toBeInTheDocument();
});
