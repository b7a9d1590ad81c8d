import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import uPlot from "uplot";
import { afterEach, expect, it, vi } from "vitest";
import { SWEEP_ID, sweepBody, trialBody, versionBody } from "../../../test/fixtures";
import { setData } from "../../../test/fakeUplot";
import { mockApi, renderAt } from "../../../test/render";
import { SweepDetailPage } from "./SweepDetailPage";

vi.mock("uplot", () => import("../../../test/fakeUplot"));

afterEach(() => vi.unstubAllGlobals());

function renderSweep(body = sweepBody(), handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ [`GET /api/sweeps/${SWEEP_ID}`]: () => ({ body }), ...handlers });
  renderAt(<SweepDetailPage />, { url: `/sweeps/${SWEEP_ID}`, path: "/sweeps/:sweepId" });
  return api;
}

it("shows the trials with their values, the best one highlighted and the failed one's error", async () => {
  renderSweep();
  const table = await screen.findByRole("table", { name: "Trials" });
  expect(document.title).toBe("Sweep 55555555 (running) · tunix-rt");
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent))).toEqual([
    ["1", "t1", "1.00e-3", "4", "succeeded", "0.1", "1.9", "train · eval"],
    ["2", "t2", "2.00e-3", "8", "failedCUDA out of memory", "–", "1.8", "train · eval"],
    ["3", "t3best", "3.00e-3", "12", "succeeded", "0.3", "1.7", "train · eval"],
  ]);
  const best = screen.getByRole("row", { name: "Trial t3 (best)" });
  expect(best).toHaveClass("best");
  expect(rows.filter((row) => row.classList.contains("best"))).toEqual([best]);
  expect(within(best).getByRole("link", { name: "Training run of trial t3" })).toHaveAttribute("href", "/runs/30000000-0000-4000-8000-000000000001");
  expect(within(rows[1]!).queryByRole("link", { name: "Evaluation run of trial t2" })).toBeNull();
  expect(screen.getByText(/2 succeeded, 1 failed/)).toBeInTheDocument();
  expect(screen.getByText(/3 started of 4 planned/)).toBeInTheDocument();
  // The objective chart got trial numbers, succeeded objectives and the best so far.
  expect(setData).toHaveBeenLastCalledWith([[1, 2, 3], [0.1, null, 0.3], [0.1, 0.1, 0.3]]);
  const svg = screen.getByTestId("parallel-coordinates");
  expect(svg.querySelectorAll("path")).toHaveLength(3);
  expect(svg.querySelector('path[data-trial="t2"]')).toHaveAttribute("stroke-dasharray", "4 3");
  expect(svg.querySelector('path[data-trial="t3"]')).toHaveAttribute("stroke", "#2f5bd3");
  expect(screen.getByRole("link", { name: "Its run (log, files)" })).toHaveAttribute("href", `/runs/${SWEEP_ID}`);
});

it("spans the objective axis around the value when every trial scored the same, and keeps a stopped trial's last loss", async () => {
  const trials = [trialBody(1, { objective: 0 }), trialBody(2, { objective: 0 }), trialBody(3, { status: "stopped", objective: null, last_loss: 2.5, eval_run_id: null })];
  renderSweep(sweepBody({ trials, best: trials[0]! }));
  const table = await screen.findByRole("table", { name: "Trials" });
  expect(within(table).getByRole("row", { name: "Trial t3" }).querySelectorAll("td")[6]).toHaveTextContent("2.5");
  const options = vi.mocked(uPlot).mock.lastCall![0] as uPlot.Options;
  const range = options.scales!.y!.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
  expect(range({} as uPlot, 0, 0, "y")).toEqual([0, 1]);
  expect(screen.getByText("(2 scored of 3)")).toBeInTheDocument();
});

it("promotes the best trial's model and links to the new version", async () => {
  const { calls } = renderSweep(sweepBody(), {
    [`POST /api/sweeps/${SWEEP_ID}/promote`]: () => ({ status: 201, body: { ...versionBody("v2", { model: "arith" }), created: true } }),
  });
  const button = await screen.findByRole("button", { name: "Promote best" });
  const name = screen.getByLabelText(/^Model name/);
  expect(name).toHaveValue("arith-sft"); // from the data and method, not the preset
  await userEvent.clear(name);
  await userEvent.type(name, "Not Valid");
  expect(button).toBeDisabled();
  await userEvent.clear(name);
  await userEvent.type(name, "arith");
  await userEvent.type(screen.getByLabelText("Notes"), "lr search winner");
  expect(button).toBeEnabled();
  await userEvent.click(button);
  expect(await screen.findByRole("status")).toHaveTextContent("Registered as arith v2");
  expect(screen.getByRole("link", { name: "arith v2" })).toHaveAttribute("href", "/models/arith?version=v2");
  const promote = calls.filter((call) => call.method === "POST");
  expect(promote.map((call) => [call.url.pathname, call.body])).toEqual([
    [`/api/sweeps/${SWEEP_ID}/promote`, { model: "arith", description: "lr search winner" }],
  ]);
});

it("keeps promote disabled until a trial has succeeded", async () => {
  const running = sweepBody();
  const pending = { ...running, best: null, trials: running.trials.map((trial) => ({ ...trial, status: "running" as const, objective: null })) };
  renderSweep(pending);
  expect(await screen.findByRole("button", { name: "Promote best" })).toBeDisabled();
  expect(screen.getByText(/No trial has succeeded yet/)).toBeInTheDocument();
  expect(screen.queryByRole("row", { name: /\(best\)/ })).toBeNull();
});

it("cancels a running sweep", async () => {
  const cancelled = sweepBody({ run: { ...sweepBody().run, status: "cancel_requested" } });
  let current = sweepBody();
  const { calls } = mockApi({
    [`GET /api/sweeps/${SWEEP_ID}`]: () => ({ body: current }),
    [`POST /api/sweeps/${SWEEP_ID}/cancel`]: () => {
      current = cancelled;
      return { status: 202, body: cancelled };
    },
  });
  renderAt(<SweepDetailPage />, { url: `/sweeps/${SWEEP_ID}`, path: "/sweeps/:sweepId" });
  await userEvent.click(await screen.findByRole("button", { name: "Cancel sweep" }));
  expect(await screen.findByText("cancel requested")).toBeInTheDocument();
  expect(calls.some((call) => call.method === "POST" && call.url.pathname === `/api/sweeps/${SWEEP_ID}/cancel`)).toBe(true);
  expect(screen.queryByRole("button", { name: "Cancel sweep" })).toBeNull();
});

it("shows the problem of a sweep that does not exist", async () => {
  mockApi({ [`GET /api/sweeps/${SWEEP_ID}`]: () => ({ status: 404, body: { title: "Not found", status: 404, detail: "no sweep 5555" } }) });
  renderAt(<SweepDetailPage />, { url: `/sweeps/${SWEEP_ID}`, path: "/sweeps/:sweepId" });
  expect(await screen.findByText("no sweep 5555")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to the sweeps" })).toHaveAttribute("href", "/sweeps");
});
