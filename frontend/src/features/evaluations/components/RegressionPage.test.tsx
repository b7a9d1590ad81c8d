import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { EVAL_A, EVAL_B } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RegressionPage } from "./RegressionPage";

afterEach(() => vi.unstubAllGlobals());

const tested = {
  reason: "shortfall 0.1 exceeds 0.01 and is significant (McNemar exact p=0.003 < 0.05)",
  shortfall: 0.1,
  alpha: 0.05,
  test: "McNemar exact",
  p_value: 0.003,
  significant: true,
  effect: -0.1,
  effect_low: -0.15,
  effect_high: -0.05,
  paired_items: 200,
  settings_differences: [],
};

const baseline = {
  name: "main",
  evalset_key: "arith-eval@v1",
  evaluation_id: EVAL_A,
  run_id: null,
  metric: "strict_accuracy",
  direction: "higher",
  abs_tolerance: 0.01,
  rel_tolerance: 0,
  alpha: 0.05,
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
        ...tested,
      },
    }),
  });
  renderAt(<RegressionPage />, { url: `/evaluations/regression?evaluation=${EVAL_A}&evalset=arith-eval@v1` });
  expect(await screen.findByText(/No baselines yet/)).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("Name"), "main");
  await userEvent.clear(screen.getByLabelText("Minimum effect, absolute"));
  await userEvent.type(screen.getByLabelText("Minimum effect, absolute"), "0.01");
  await userEvent.clear(screen.getByLabelText("Significance level (alpha)"));
  await userEvent.type(screen.getByLabelText("Significance level (alpha)"), "0.01");
  await userEvent.click(screen.getByRole("button", { name: "Save baseline" }));
  expect(await screen.findByRole("table", { name: "Baselines" })).toHaveTextContent("main");
  expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ name: "main", evalset: "arith-eval@v1", evaluation: EVAL_A, abs_tolerance: 0.01, alpha: 0.01 });
  expect(screen.getByRole("table", { name: "Baselines" })).toHaveTextContent("0.05");

  expect(screen.getByLabelText("Baseline")).toHaveValue("main");
  await userEvent.type(screen.getByLabelText(/^Run id/), EVAL_B);
  await userEvent.click(screen.getByRole("button", { name: "Check" }));
  const result = await screen.findByTestId("gate-result");
  expect(result).toHaveTextContent("Failed: strict_accuracy 0.4 against the baseline's 0.5 (Δ -0.1, minimum effect 0.01");
  expect(screen.getByTestId("gate-reason")).toHaveTextContent(tested.reason);
  expect(screen.getByTestId("gate-test")).toHaveTextContent(
    "McNemar exact: p = 0.003 (alpha 0.05) on 200 paired items; effect -0.1 [95% interval -0.15, -0.05]",
  );
  expect(screen.queryByRole("table", { name: "Settings that differ" })).not.toBeInTheDocument();
  expect(calls.find((c) => c.url.pathname === "/api/regression/check")!.body).toEqual({ baseline: "main", run: EVAL_B, force: false });
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

it("shows what differs when the gate refuses, and checks anyway with force when told to", async () => {
  const differences = [
    { setting: "batch_size", a: 16, b: 8 },
    { setting: "dtype", a: "float32", b: "bfloat16" },
  ];
  const { calls } = mockApi({
    "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/regression/baselines": () => ({ body: [baseline] }),
    "POST /api/regression/check": (request) =>
      (request.body as { force: boolean }).force
        ? {
            body: {
              passed: true,
              baseline: "main",
              metric: "format_compliance",
              evalset: "arith-eval@v1",
              direction: "higher",
              baseline_value: 0.5,
              candidate_value: 0.45,
              delta: -0.05,
              allowed_shortfall: 0.01,
              abs_tolerance: 0.01,
              rel_tolerance: 0,
              baseline_evaluation: EVAL_A,
              candidate_evaluation: EVAL_B,
              ...tested,
              reason: "shortfall 0.05 exceeds 0.01 but is within noise (paired permutation p=0.31 >= 0.05)",
              test: "paired permutation",
              p_value: 0.31,
              significant: false,
              settings_differences: differences,
            },
          }
        : {
            status: 409,
            body: { title: "Conflict", status: 409, detail: "evaluation was not made with the settings of baseline 'main'", differences },
          },
  });
  renderAt(<RegressionPage />, { url: `/evaluations/regression?run=${EVAL_B}` });
  await screen.findByRole("table", { name: "Baselines" });
  await userEvent.selectOptions(screen.getByLabelText("Baseline"), "main");
  await userEvent.click(screen.getByRole("button", { name: "Check" }));
  expect(await screen.findByText(/was not made with the settings of baseline 'main'/)).toBeInTheDocument();
  const table = screen.getByRole("table", { name: "Settings that differ" });
  expect([...table.querySelectorAll("tbody tr")].map((row) => row.textContent)).toEqual(["batch_size168", "dtypefloat32bfloat16"]);
  expect(screen.queryByTestId("gate-result")).not.toBeInTheDocument();

  await userEvent.click(screen.getByLabelText(/Check anyway/));
  const result = await screen.findByTestId("gate-result");
  expect(calls.filter((c) => c.url.pathname === "/api/regression/check").map((c) => (c.body as { force: boolean }).force)).toEqual([false, true]);
  expect(result).toHaveTextContent("Passed: format_compliance 0.45");
  expect(result).toHaveTextContent("Checked anyway: the evaluations' settings differ.");
  expect(screen.getByTestId("gate-test")).toHaveTextContent("paired permutation: p = 0.31 (alpha 0.05) on 200 paired items");
  expect(screen.getByRole("table", { name: "Settings that differ" })).toHaveTextContent("batch_size");
});

it("says when no paired test applies", async () => {
  mockApi({
    "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/regression/baselines": () => ({ body: [{ ...baseline, metric: "truncation_rate", direction: "lower" }] }),
    "POST /api/regression/check": () => ({
      body: {
        passed: false,
        baseline: "main",
        metric: "truncation_rate",
        evalset: "arith-eval@v1",
        direction: "lower",
        baseline_value: 0.1,
        candidate_value: 0.3,
        delta: 0.2,
        allowed_shortfall: 0.01,
        abs_tolerance: 0.01,
        rel_tolerance: 0,
        baseline_evaluation: EVAL_A,
        candidate_evaluation: EVAL_B,
        ...tested,
        reason: "shortfall 0.2 exceeds 0.01; no paired test (truncation_rate is not an item verdict), so the tolerance decides",
        test: null,
        p_value: null,
        significant: null,
        effect: null,
        effect_low: null,
        effect_high: null,
        paired_items: 0,
      },
    }),
  });
  renderAt(<RegressionPage />, { url: `/evaluations/regression?run=${EVAL_B}` });
  await screen.findByRole("table", { name: "Baselines" });
  await userEvent.selectOptions(screen.getByLabelText("Baseline"), "main");
  await userEvent.click(screen.getByRole("button", { name: "Check" }));
  expect(await screen.findByTestId("gate-reason")).toHaveTextContent("no paired test (truncation_rate is not an item verdict)");
  expect(screen.getByTestId("gate-test")).toHaveTextContent("No paired test: the minimum effect alone decides.");
});
