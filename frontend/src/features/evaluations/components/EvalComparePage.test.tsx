import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { compareBody, EVAL_A, EVAL_B, evaluationBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { EvalComparePage } from "./EvalComparePage";

afterEach(() => vi.unstubAllGlobals());

it("compares two evaluations item by item, changed items first, outputs side by side", async () => {
  mockApi({
    "GET /api/evaluations/compare": () => ({ body: compareBody({ mcnemar_p: 0.0002 }) }),
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_B}`]: () => ({ body: evaluationBody({ run_id: EVAL_B, model: "tiny-llama" }) }),
  });
  renderAt(<EvalComparePage />, { url: `/evaluations/compare?a=${EVAL_A}&b=${EVAL_B}` });
  expect(await screen.findByTestId("mcnemar-p")).toHaveTextContent("< 0.001");
  expect(screen.getByText(/significant at 5%/)).toBeInTheDocument();
  expect(screen.getByTestId("count-fixed")).toHaveTextContent("1");
  expect(screen.getByTestId("count-broken")).toHaveTextContent("1");
  const table = screen.getByRole("table", { name: "Items side by side" });
  expect(within(table).getAllByRole("row")).toHaveLength(3);
  const fixed = within(table).getByText("q-fixed").closest("tr")!;
  expect(fixed).toHaveClass("outcome-fixed");
  expect(fixed).toHaveTextContent("<answer>5</answer>");
  expect(fixed).toHaveTextContent("<answer>4</answer>");
  expect(await screen.findByRole("columnheader", { name: "B: tiny-llama" })).toBeInTheDocument();
  await userEvent.selectOptions(screen.getByLabelText("Show"), "all");
  expect(within(screen.getByRole("table", { name: "Items side by side" })).getAllByRole("row")).toHaveLength(4);
  expect(document.title).toBe("Compare run 11111111 and tiny-llama · tunix-rt");
});

it("pairs the items on the metric picked, from the checker's verdicts to each judge's", async () => {
  const { calls } = mockApi({
    "GET /api/evaluations/compare": ({ url }) => ({ body: compareBody({ metric: url.searchParams.get("metric") ?? "strict", a_accuracy: 0.25, b_accuracy: 1 }) }),
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_B}`]: () => ({ body: evaluationBody({ run_id: EVAL_B }) }),
  });
  renderAt(<EvalComparePage />, { url: `/evaluations/compare?a=${EVAL_A}&b=${EVAL_B}` });
  expect(await screen.findByText("strict accuracy A → B")).toBeInTheDocument();
  const picker = screen.getByLabelText("Paired on");
  await screen.findByRole("option", { name: "judge:math" });
  expect([...picker.querySelectorAll("option")].map((option) => option.textContent)).toEqual(["strict", "lenient", "format", "judge:math"]);
  await userEvent.selectOptions(picker, "format");
  expect(await screen.findByText("format accuracy A → B")).toBeInTheDocument();
  expect(screen.getByTestId("location")).toHaveTextContent("metric=format");
  expect(calls.filter((call) => call.url.pathname === "/api/evaluations/compare").at(-1)?.url.searchParams.get("metric")).toBe("format");
});

it("asks for two ids, and shows why two evaluations cannot be compared", async () => {
  mockApi({
    "GET /api/evaluations/compare": () => ({ status: 422, body: { title: "Invalid input", status: 422, detail: "evaluations are on different eval sets (a@v1, b@v1)" } }),
  });
  renderAt(<EvalComparePage />, { url: "/evaluations/compare" });
  expect(screen.getByRole("button", { name: "Compare" })).toBeDisabled();
  await userEvent.type(screen.getByLabelText(/Reference/), EVAL_A);
  await userEvent.type(screen.getByLabelText(/Candidate/), EVAL_B);
  await userEvent.click(screen.getByRole("button", { name: "Compare" }));
  expect(await screen.findByText("evaluations are on different eval sets (a@v1, b@v1)")).toBeInTheDocument();
});

it("refuses evaluations made with different settings, shows what differs, and compares anyway on request", async () => {
  const differences = [{ setting: "batch_size", a: 16, b: 8 }];
  const { calls } = mockApi({
    "GET /api/evaluations/compare": ({ url }) =>
      url.searchParams.get("force") === "true"
        ? { body: compareBody({ settings_differences: differences }) }
        : { status: 409, body: { title: "Conflict", status: 409, detail: "were made with different settings", differences } },
    [`GET /api/evaluations/${EVAL_A}`]: () => ({ body: evaluationBody() }),
    [`GET /api/evaluations/${EVAL_B}`]: () => ({ body: evaluationBody({ run_id: EVAL_B, model: "tiny-llama" }) }),
  });
  renderAt(<EvalComparePage />, { url: `/evaluations/compare?a=${EVAL_A}&b=${EVAL_B}` });
  const refused = await screen.findByRole("region", { name: "Not comparable" });
  expect(within(refused).getByText("batch_size").closest("tr")).toHaveTextContent("batch_size168");
  expect(screen.queryByTestId("count-fixed")).not.toBeInTheDocument();
  await userEvent.click(within(refused).getByRole("button", { name: "Compare anyway" }));
  expect(await screen.findByTestId("count-fixed")).toHaveTextContent("1");
  expect(screen.getByRole("region", { name: "Compared over different settings" })).toHaveTextContent("batch_size");
  expect(screen.getByTestId("location")).toHaveTextContent("force=1");
  expect(calls.filter((c) => c.url.pathname === "/api/evaluations/compare").map((c) => c.url.searchParams.get("force"))).toEqual([null, "true"]);
});
