import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody, runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { EvaluateForm } from "./EvaluateForm";

afterEach(() => vi.unstubAllGlobals());

const TRAIN = "11111111-1111-4111-8111-111111111111";
const EVAL = "33333333-3333-4333-8333-333333333333";

it("submits an eval run of the training run and opens it", async () => {
  const { calls } = mockApi({
    "GET /api/evalsets": () => ({ body: { items: [datasetBody({ key: "arith-eval@v1", kind: "eval", item_count: 6 })], next_cursor: null } }),
    "POST /api/runs": () => ({ status: 202, body: runBody({ id: EVAL, kind: "eval", status: "queued" }) }),
  });
  renderAt(<EvaluateForm runId={TRAIN} />);
  const submit = screen.getByRole("button", { name: "Evaluate" });
  expect(submit).toBeDisabled();
  await userEvent.selectOptions(screen.getByLabelText("Eval set"), await screen.findByRole("option", { name: "arith-eval@v1 (6 items)" }));
  await userEvent.type(screen.getByLabelText(/Only the first N items/), "4");
  await userEvent.click(screen.getByLabelText("exact"));
  await userEvent.click(submit);
  await vi.waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/runs/${EVAL}`));
  expect(calls.find((c) => c.method === "POST")!.body).toEqual({
    kind: "eval",
    tags: ["ui"],
    config: { run: TRAIN, evalset: "arith-eval@v1", judges: ["math", "format", "exact"], max_new_tokens: 64, limit: 4 },
  });
});

it("shows the server's refusal in place", async () => {
  mockApi({
    "GET /api/evalsets": () => ({ body: { items: [datasetBody({ key: "arith-eval@v1", kind: "eval" })], next_cursor: null } }),
    "POST /api/runs": () => ({
      status: 501,
      body: { title: "Not implemented", status: 501, detail: "evaluation backend torch needs the torch extra" },
    }),
  });
  renderAt(<EvaluateForm runId={TRAIN} />);
  await userEvent.selectOptions(screen.getByLabelText("Eval set"), await screen.findByRole("option", { name: /arith-eval@v1/ }));
  await userEvent.click(screen.getByRole("button", { name: "Evaluate" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("evaluation backend torch needs the torch extra");
});
