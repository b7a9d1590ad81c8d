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
