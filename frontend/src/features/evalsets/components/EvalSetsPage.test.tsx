import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { EvalSetsPage } from "./EvalSetsPage";

afterEach(() => vi.unstubAllGlobals());

const evalset = (key: string, item_count: number) => datasetBody({ key, kind: "eval", item_count, counts: { core: item_count - 2, edge_case: 2 } });

it("lists eval sets with their item counts and sections, a page at a time", async () => {
  const { calls } = mockApi({
    "GET /api/evalsets": ({ url }) =>
      url.searchParams.get("cursor")
        ? { body: { items: [evalset("old-eval@v1", 3)], next_cursor: null } }
        : { body: { items: [evalset("arith-eval@v2", 12), evalset("arith-eval@v1", 6)], next_cursor: "old-eval@v1" } },
  });
  renderAt(<EvalSetsPage />, { url: "/evalsets" });
  const table = await screen.findByRole("table", { name: "Eval sets" });
  expect(document.title).toBe("Eval sets · tunix-rt");
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((row) => [...row.querySelectorAll("td")].slice(0, 3).map((cell) => cell.textContent))).toEqual([
    ["arith-eval@v2", "12", "core 10 · edge_case 2"],
    ["arith-eval@v1", "6", "core 4 · edge_case 2"],
  ]);
  expect(within(table).getByRole("link", { name: "arith-eval@v2" })).toHaveAttribute("href", "/evalsets/arith-eval%40v2");
  await userEvent.click(screen.getByRole("button", { name: /Next page/ }));
  expect(await screen.findByRole("link", { name: "old-eval@v1" })).toBeInTheDocument();
  expect(calls.at(-1)?.url.searchParams.get("cursor")).toBe("old-eval@v1");
});

it("says how to make one when there are none", async () => {
  mockApi({ "GET /api/evalsets": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<EvalSetsPage />, { url: "/evalsets" });
  expect(await screen.findByText(/No eval sets yet/)).toHaveTextContent("tunix-rt evalsets derive NAME --dataset KEY");
});
