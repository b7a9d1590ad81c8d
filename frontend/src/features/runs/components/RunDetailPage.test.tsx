import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { FakeEventSource, logLine } from "../../../test/eventSource";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunDetailPage } from "./RunDetailPage";

// uPlot draws on a canvas, which jsdom lacks; the chart's data path is tested in align.test.ts.
const setData = vi.fn();
vi.mock("uplot", () => ({
  default: vi.fn(function FakePlot() {
    return { setData, setSize: vi.fn(), destroy: vi.fn() };
  }),
}));

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

const run = runBody();
const metrics = {
  run_id: run.id,
  names: ["loss", "lr"],
  series: [
    { name: "loss", count: 3, steps: [1, 2, 3], values: [6.2, 6.1, 6.0], times: [] },
    { name: "lr", count: 3, steps: [1, 2, 3], values: [2e-4, 1e-4, 0], times: [] },
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
    [`GET /api/runs/${run.id}/metrics`]: () => ({ body: metrics }),
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

  expect(await screen.findByTestId("chart-loss")).toHaveAttribute("data-points", "3");
  const metricCall = calls.find((call) => call.url.pathname.endsWith("/metrics"))!;
  expect(metricCall.url.searchParams.get("names")).toBe("loss,lr,tokens_per_second");
  expect(metricCall.url.searchParams.get("downsample")).toBe("1000");
  expect(setData).toHaveBeenCalled();

  const checkpoints = await screen.findByRole("table", { name: "Checkpoints" });
  expect(checkpoints).toHaveTextContent("checkpoints/checkpoint-5");
  expect(screen.getByRole("link", { name: "Download run_manifest.json" })).toHaveAttribute(
    "href",
    `/api/runs/${run.id}/artifacts/run_manifest.json`,
  );
});

it("shows the API's problem for an unknown run", async () => {
  mockApi({ [`GET /api/runs/${run.id}`]: () => ({ status: 404, body: { title: "Not found", status: 404, detail: `run ${run.id} does not exist` } }) });
  renderAt(<RunDetailPage />, { url: `/runs/${run.id}`, path: "/runs/:runId" });
  expect(await screen.findByText(`run ${run.id} does not exist`)).toBeInTheDocument();
});
