import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { EvalSetDetailPage } from "./EvalSetDetailPage";

afterEach(() => vi.unstubAllGlobals());

const KEY = "arith-eval@v1";

function item(n: number) {
  return {
    id: `q${n}`,
    prompt: n === 1 ? `What is 2 + 2? ${"Think it through. ".repeat(20)}` : `What is ${n} + ${n}?`,
    expected_answer: String(2 * n),
    section: n % 2 ? "core" : "edge_case",
    category: "arithmetic",
    difficulty: null,
    meta: {},
  };
}

function renderSet(count: number) {
  const body = datasetBody({
    key: KEY,
    kind: "eval",
    item_count: count,
    description: "Sums",
    manifest: {
      key: KEY,
      counts: { total: count, by_section: { core: 2, edge_case: 1 }, by_category: { arithmetic: 3 }, by_difficulty: { "(missing)": 3 } },
      source: { type: "dataset", dataset: "arith@v1", split: "eval" },
      sha256: { items: "ab".repeat(32) },
    },
  });
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify(item(i + 1))).join("\n") + "\n";
  const api = mockApi({
    [`GET /api/evalsets/${encodeURIComponent(KEY)}`]: () => ({ body }),
    [`GET /api/evalsets/${encodeURIComponent(KEY)}/items`]: () => ({ text: lines, type: "application/x-ndjson" }),
  });
  renderAt(<EvalSetDetailPage />, { url: `/evalsets/${encodeURIComponent(KEY)}`, path: "/evalsets/:evalsetKey" });
  return api;
}

it("shows the eval set's counts, source and items, the long prompt clipped with the whole in its tooltip", async () => {
  renderSet(3);
  const table = await screen.findByRole("table", { name: "Items" });
  expect(document.title).toBe(`Eval set ${KEY} · tunix-rt`);
  expect(screen.getByTestId("item-count")).toHaveTextContent("3");
  expect(screen.getByText("core 2 · edge_case 1")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "arith@v1" })).toHaveAttribute("href", "/datasets/arith%40v1");
  expect(screen.getByRole("link", { name: "Leaderboard on it" })).toHaveAttribute("href", "/evaluations?evalset=arith-eval%40v1");
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent))).toEqual([
    ["q1", `${item(1).prompt.slice(0, 160)}…`, "2", "core", "arithmetic", "–"],
    ["q2", "What is 2 + 2?", "4", "edge_case", "arithmetic", "–"],
    ["q3", "What is 3 + 3?", "6", "core", "arithmetic", "–"],
  ]);
  expect(rows[0]!.querySelectorAll("td")[1]).toHaveAttribute("title", item(1).prompt);
});

it("pages through a long eval set", async () => {
  renderSet(120);
  const table = await screen.findByRole("table", { name: "Items" });
  expect(within(table).getAllByRole("row")).toHaveLength(51);
  expect(screen.getByText("page 1 of 3")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Next →" }));
  expect(within(table).getAllByRole("row")[1]).toHaveTextContent("q51");
});

it("explains an unknown key", async () => {
  mockApi({});
  renderAt(<EvalSetDetailPage />, { url: "/evalsets/nope@v1", path: "/evalsets/:evalsetKey" });
  expect(await screen.findByText("Not found")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to the eval sets" })).toHaveAttribute("href", "/evalsets");
});
