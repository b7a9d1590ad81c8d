import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { EVAL_A, evalItemBody, evaluationBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { EvaluationDetailPage } from "./EvaluationDetailPage";

afterEach(() => vi.unstubAllGlobals());

const items = Array.from({ length: 40 }, (_, n) => evalItemBody(n));

function render(url = `/evaluations/${EVAL_A}`) {
  mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({ body: items }),
  });
  return renderAt(<EvaluationDetailPage />, { url, path: "/evaluations/:runId" });
}

it("shows the scorecard, breakdowns and failure classes", async () => {
  render();
  expect(await screen.findByRole("heading", { name: /Evaluation of run 11111111/ })).toBeInTheDocument();
  expect(document.title).toBe("Evaluation of run 11111111 on arith-eval@v1 · tunix-rt");
  expect(screen.getByText("strict accuracy (primary)")).toBeInTheDocument();
  expect(screen.getByText(/5\/10 · 95% CI/)).toBeInTheDocument();
  const byCategory = within(screen.getByRole("table", { name: "By category" }));
  expect(byCategory.getByRole("rowheader", { name: "division" }).closest("tr")).toHaveTextContent("25.0% (1/4)");
  const failures = within(screen.getByRole("table", { name: "Failure classes" }));
  expect(failures.getByRole("button", { name: "arithmetic slip" }).closest("tr")).toHaveTextContent("3");
  expect(failures.queryByRole("button", { name: "repetition loop" })).not.toBeInTheDocument();
  expect(within(screen.getByRole("table", { name: "Judges" })).getByText("math")).toBeInTheDocument();
});

it("lists the items a page at a time and filters them by failure class (in the URL)", async () => {
  render();
  const table = await screen.findByRole("table", { name: "Items" });
  expect(within(table).getAllByRole("row")).toHaveLength(26);
  expect(within(table).getByRole("link", { name: "item-0" })).toHaveAttribute("href", "/evaluations/history?evalset=arith-eval%40v1&item=item-0");
  expect(screen.getByText("page 1 of 2")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Next →" }));
  expect(within(screen.getByRole("table", { name: "Items" })).getByText("item-39")).toBeInTheDocument();

  await userEvent.click(screen.getByRole("button", { name: "arithmetic slip" }));
  expect(screen.getByTestId("location")).toHaveTextContent("failure=arithmetic_slip");
  const expected = items.filter((item) => item.failure === "arithmetic_slip").length;
  expect(screen.getByText(`${expected} of 40 items`)).toBeInTheDocument();
  await userEvent.selectOptions(screen.getByLabelText("Show"), "right");
  expect(screen.getByText("No items match.")).toBeInTheDocument();
});

it("shows the API's problem for an evaluation that is not recorded", async () => {
  mockApi({ [`GET /api/evaluations/${EVAL_A}`]: () => ({ status: 404, body: { title: "Not found", status: 404, detail: `no evaluation for run ${EVAL_A}` } }) });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  expect(await screen.findByText(`no evaluation for run ${EVAL_A}`)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "the run" })).toHaveAttribute("href", `/runs/${EVAL_A}`);
});

it("shows how long a thinking model reasoned, its incomplete items, and each item's reasoning tokens", async () => {
  const card = evaluationBody().scorecard;
  mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({
      body: evaluationBody({
        scorecard: {
          ...card,
          failures: { incomplete: 2, wrong_final_answer: 1 },
          reasoning: { items: 8, mean_tokens: 41.25, median_tokens: 40, max_tokens: 97, incomplete_rate: 0.2 },
        },
      }),
    }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({
      body: [evalItemBody(0, { reasoning_tokens: 37 }), evalItemBody(1, { reasoning_tokens: null, failure: "incomplete" })],
    }),
  });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  const cell = (await screen.findByText("reasoning tokens (mean)")).closest(".big-number") as HTMLElement;
  expect(cell).toHaveTextContent("41.3");
  expect(cell).toHaveTextContent("median 40.0 · max 97 · 8 items · 20.0% incomplete");
  const failures = within(screen.getByRole("table", { name: "Failure classes" }));
  expect(failures.getByRole("button", { name: "incomplete" }).closest("tr")).toHaveTextContent("2");
  const rows = within(await screen.findByRole("table", { name: "Items" })).getAllByRole("row");
  expect(rows[1]).toHaveTextContent("37");
  expect(within(rows[2] as HTMLElement).getAllByRole("cell")[7]).toHaveTextContent("–");
});

it("shows no reasoning lengths for an evaluation recorded without them", async () => {
  render();
  await screen.findByRole("heading", { name: /Evaluation of run 11111111/ });
  expect(screen.queryByText("reasoning tokens (mean)")).not.toBeInTheDocument();
  expect(screen.queryByRole("table", { name: "Sampling" })).not.toBeInTheDocument();
  expect(within(await screen.findByRole("table", { name: "Items" })).queryByRole("columnheader", { name: "Agreement" })).not.toBeInTheDocument();
});

it("shows pass@k, maj@k and agreement for an evaluation with samples, and each item's agreement", async () => {
  const card = evaluationBody().scorecard;
  const score = (value: number) => ({ value, low: value - 0.1, high: value + 0.1 });
  mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({
      body: evaluationBody({
        scorecard: {
          ...card,
          sampling: { samples: 4, pass_at: { "4": score(0.75), "1": score(0.5), "2": score(0.625) }, maj_at_k: score(0.6), mean_agreement: score(0.8) },
        },
      }),
    }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({
      body: [
        evalItemBody(0, {
          agreement: 0.75,
          samples: [{ strict: true }, { strict: true }, { strict: false }, { strict: true }],
        }),
      ],
    }),
  });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  const table = within(await screen.findByRole("table", { name: "Sampling" }));
  expect(table.getAllByRole("row").map((row) => row.textContent)).toEqual([
    "ScoreValue95% interval",
    "pass@150.0%40.0%–60.0%",
    "pass@262.5%52.5%–72.5%",
    "pass@475.0%65.0%–85.0%",
    "maj@460.0%50.0%–70.0%",
    "mean agreement80.0%70.0%–90.0%",
  ]);
  const items = within(await screen.findByRole("table", { name: "Items" }));
  expect(items.getByRole("columnheader", { name: "Agreement" })).toBeInTheDocument();
  expect(items.getByTitle("3 of 4 samples strict-correct")).toHaveTextContent("75%");
});

it("labels an item, then shows each judge's agreement with the labels", async () => {
  let labels: { run_id: string; item_id: string; label: string; note: string | null; labeled_by: string; labeled_at: string }[] = [];
  const judge = (n: number, kappa: number | null) => ({
    n,
    accuracy: n ? 1 : null,
    kappa,
    confusion: { tp: n, fp: 0, fn: 0, tn: 0 },
    disagreements: [],
  });
  const { calls } = mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({ body: [evalItemBody(0), evalItemBody(1)] }),
    [`GET /api/evaluations/${EVAL_A}/labels`]: () => ({ body: labels }),
    [`GET /api/evaluations/${EVAL_A}/agreement`]: () => ({
      body: { labels: labels.length, judges: { strict: judge(labels.length, null), math: judge(labels.length, null) } },
    }),
    [`PUT /api/evaluations/${EVAL_A}/items/item-0/label`]: (call) => {
      const body = call.body as { label: string };
      labels = [{ run_id: EVAL_A, item_id: "item-0", label: body.label, note: null, labeled_by: "local", labeled_at: "2026-01-02T03:04:05Z" }];
      return { body: labels[0] };
    },
  });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  expect(await screen.findByText(/No item is labelled correct or incorrect yet/)).toBeInTheDocument();
  await userEvent.selectOptions(await screen.findByLabelText("Label of item-0"), "correct");
  expect(calls.find((call) => call.method === "PUT")?.body).toEqual({ label: "correct" });
  const table = within(await screen.findByRole("table", { name: "Agreement" }));
  expect(table.getByText("math").closest("tr")).toHaveTextContent("math1100.0%–1000");
  expect(screen.getByLabelText("Label of item-0")).toHaveValue("correct");
  expect(screen.getByLabelText("Label of item-1")).toHaveValue("");
});

it("shows the settings that determined the numbers, and says when they were not recorded", async () => {
  render();
  const settings = await screen.findByRole("table", { name: "Recorded settings" });
  expect(within(settings).getByText("packages.torch").closest("tr")).toHaveTextContent("2.13.0");
  expect(within(settings).getByText("batch_size").closest("tr")).toHaveTextContent("16");
  expect(within(settings).getByText("evalset.key").closest("tr")).toHaveTextContent("arith-eval@v1");
  expect(screen.getByText("3f2a9c41d5e6")).toBeInTheDocument();
});

it("says an evaluation made before settings were recorded is only compared when forced", async () => {
  const { scorecard } = evaluationBody();
  const { settings: _dropped, ...older } = scorecard as Record<string, unknown>;
  mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody({ scorecard: older, settings_hash: null }) }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({ body: items }),
  });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  expect(await screen.findByText(/made before tunix-rt recorded the settings/)).toBeInTheDocument();
  expect(screen.getByText("not recorded")).toBeInTheDocument();
});

it("marks an item that passed leniently only through a tolerance or an unclosed answer tag", async () => {
  const lenientOnly = (n: number, reason: string) =>
    evalItemBody(n, { strict: false, lenient: true, extracted_answer: "3.14159", expected_answer: "~3.14", reason });
  mockApi({
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_A}/items`]: () => ({
      body: [
        lenientOnly(1, "numeric within tolerance (expected answer is approximate)"),
        lenientOnly(3, "exact (answer tag not closed)"),
        evalItemBody(2, { reason: "exact" }),
      ],
    }),
  });
  renderAt(<EvaluationDetailPage />, { url: `/evaluations/${EVAL_A}`, path: "/evaluations/:runId" });
  const table = await screen.findByRole("table", { name: "Items" });
  const approximate = within(table).getByText("≈ tolerance");
  expect(approximate).toHaveAttribute("title", "numeric within tolerance (expected answer is approximate)");
  expect(approximate.closest("tr")).toHaveTextContent("item-1");
  expect(within(table).getByText("unclosed tag").closest("tr")).toHaveTextContent("item-3");
  expect(within(table).getByText("item-2").closest("tr")).not.toHaveTextContent(/tolerance|unclosed/);
});
