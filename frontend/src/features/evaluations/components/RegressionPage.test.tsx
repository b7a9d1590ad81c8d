import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { EVAL_A, EVAL_B } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RegressionPage } from "./RegressionPage";

afterEach(() => vi.unstubAllGlobals());

const baseline = {
  name: "main",
  evalset_key: "arith-eval@v1",
  evaluation_id: EVAL_A,
  run_id: null,
  metric: "strict_accuracy",
  direction: "higher",
  abs_tolerance: 0.01,
  rel_tolerance: 0,
  created_at: "2026-01-02T03:04:05Z",
};

it("saves a baseline and checks a run against it", async () => {
  let saved = false;
  const { calls } = mockApi({
    "GET /api/evalsets": () => ({ body: { items: [{ key: "arith-eval@v1" }], next_cursor: null } }),
    "GET /api/regression/baselines": () => ({ body: saved ? [baseline] : [] }),
    "POST /api/regression/baselines": () => {
      saved = true;
      return { status: 201, body: baseline };
    },
    "POST /api/regression/check": () => ({
      body: {
        passed: false,
        baseline: "main",
        metric: "strict_accuracy",
        evalset: "arith-eval@v1",
        direction: "higher",
        baseline_value: 0.5,
        candidate_value: 0.4,
        delta: -0.1,
        allowed_shortfall: 0.01,
        abs_tolerance: 0.01,
        rel_tolerance: 0,
        baseline_evaluation: EVAL_A,
        candidate_evaluation: EVAL_B,
      },
    }),
  });
  renderAt(<RegressionPage />, { url: `/evaluations/regression?evaluation=${EVAL_A}&evalset=arith-eval@v1` });
  expect(await screen.findByText(/No baselines yet/)).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("Name"), "main");
  await userEvent.clear(screen.getByLabelText("Absolute tolerance"));
  await userEvent.type(screen.getByLabelText("Absolute tolerance"), "0.01");
  await userEvent.click(screen.getByRole("button", { name: "Save baseline" }));
  expect(await screen.findByRole("table", { name: "Baselines" })).toHaveTextContent("main");
  expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ name: "main", evalset: "arith-eval@v1", evaluation: EVAL_A, abs_tolerance: 0.01 });

  expect(screen.getByLabelText("Baseline")).toHaveValue("main");
  await userEvent.type(screen.getByLabelText(/^Run id/), EVAL_B);
  await userEvent.click(screen.getByRole("button", { name: "Check" }));
  const result = await screen.findByTestId("gate-result");
  expect(result).toHaveTextContent("Failed: strict_accuracy 0.4 against the baseline's 0.5 (Δ -0.1");
  expect(screen.getByRole("link", { name: "Compare item by item" })).toHaveAttribute("href", `/evaluations/compare?a=${EVAL_A}&b=${EVAL_B}`);
});

it("shows a refused baseline's problem next to the form", async () => {
  mockApi({
    "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/regression/baselines": () => ({ body: [] }),
    "POST /api/regression/baselines": () => ({ status: 409, body: { title: "Conflict", status: 409, detail: "a baseline named 'main' already exists" } }),
  });
  renderAt(<RegressionPage />, { url: `/evaluations/regression?evaluation=${EVAL_A}&evalset=arith-eval@v1` });
  await userEvent.type(await screen.findByLabelText("Name"), "main");
  await userEvent.click(screen.getByRole("button", { name: "Save baseline" }));
  expect(await screen.findByText("a baseline named 'main' already exists")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});
