import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import type { ItemHistoryEntry } from "../../../api/types";
import { EVAL_A, EVAL_B, TRAIN } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { ItemHistoryPage } from "./ItemHistoryPage";

afterEach(() => vi.unstubAllGlobals());

const BASE = "33333333-3333-4333-8333-333333333333";

function entry(evaluation: string, overrides: Partial<ItemHistoryEntry> = {}): ItemHistoryEntry {
  return {
    evaluation,
    model: `run:${TRAIN}`,
    source_run_id: TRAIN,
    dataset_key: "arith@v1",
    trained_at: "2026-01-02T03:04:05Z",
    evaluated_at: "2026-01-02T04:04:05Z",
    output: "<answer>5</answer>",
    extracted_answer: "5",
    strict: false,
    lenient: false,
    format_ok: true,
    failure: "wrong_final_answer",
    reasoning_tokens: null,
    agreement: null,
    ...overrides,
  };
}

const history = {
  evalset: "arith-eval@v1",
  item_id: "q1",
  prompt: "What is 2 + 2?",
  expected_answer: "4",
  entries: [
    entry(BASE, { model: "tiny-llama", source_run_id: null, trained_at: null, output: "I like 5", extracted_answer: "5", format_ok: false }),
    entry(EVAL_A),
    entry(EVAL_B, { output: "<answer>4</answer>", extracted_answer: "4", strict: true, lenient: true, failure: null, reasoning_tokens: 12 }),
  ],
};

it("lists the item's evaluations in training order and diffs the first and last outputs", async () => {
  const diffs: string[] = [];
  mockApi({
    "GET /api/evaluations/history": () => ({ body: history }),
    "GET /api/evaluations/history/diff": ({ url }) => {
      diffs.push(`${url.searchParams.get("a")}>${url.searchParams.get("b")}`);
      return {
        body: {
          a: url.searchParams.get("a"),
          b: url.searchParams.get("b"),
          runs: [
            { op: "equal", text: "<answer>" },
            { op: "delete", text: "5" },
            { op: "insert", text: "4" },
            { op: "equal", text: "</answer>" },
          ],
        },
      };
    },
  });
  renderAt(<ItemHistoryPage />, { url: "/evaluations/history?evalset=arith-eval%40v1&item=q1", path: "/evaluations/history" });
  const table = within(await screen.findByRole("table", { name: "History" }));
  const rows = table.getAllByRole("row").slice(1);
  expect(rows.map((row) => within(row).getAllByRole("cell")[3]?.textContent)).toEqual(["base model", expect.any(String), expect.any(String)]);
  expect(rows[2]).toHaveTextContent("right");
  expect(rows[2]).toHaveTextContent("12");
  expect(within(rows[0] as HTMLElement).getByRole("link", { name: "tiny-llama" })).toHaveAttribute("href", `/evaluations/${BASE}`);
  expect(screen.getByText("What is 2 + 2?")).toBeInTheDocument();
  expect(document.title).toBe("Item q1 of arith-eval@v1 · tunix-rt");

  const diff = await screen.findByLabelText("Word diff");
  expect(diff.querySelector("del")).toHaveTextContent("5");
  expect(diff.querySelector("ins")).toHaveTextContent("4");
  expect(diffs).toEqual([`${BASE}>${EVAL_B}`]);

  await userEvent.click(screen.getByRole("radio", { name: `A: ${EVAL_A}` }));
  expect(screen.getByTestId("location")).toHaveTextContent(`a=${EVAL_A}`);
  await screen.findByText(/Word diff: A/);
  expect(diffs.at(-1)).toBe(`${EVAL_A}>${EVAL_B}`);
});

it("shows the API's problem for an item no evaluation scored", async () => {
  mockApi({
    "GET /api/evaluations/history": () => ({ status: 404, body: { title: "Not found", status: 404, detail: "no evaluation on arith-eval@v1 scored item 'zz'" } }),
  });
  renderAt(<ItemHistoryPage />, { url: "/evaluations/history?evalset=arith-eval%40v1&item=zz", path: "/evaluations/history" });
  expect(await screen.findByText("no evaluation on arith-eval@v1 scored item 'zz'")).toBeInTheDocument();
});
