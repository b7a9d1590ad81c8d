import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { runBody, SWEEP_ID, sweepBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { SweepsPage } from "./SweepsPage";

afterEach(() => vi.unstubAllGlobals());

const OTHER = "66666666-6666-4666-8666-666666666666";

it("lists sweeps with status, objective, best so far and planned trials, a page at a time", async () => {
  const first = sweepBody().run;
  const second = runBody({ id: OTHER, kind: "sweep", status: "succeeded", config: { trials: 2, search: { type: "grid" }, space: { "lora.r": { type: "choice", values: [4, 8, 16] } } } });
  const { calls } = mockApi({
    "GET /api/sweeps": (call) =>
      call.url.searchParams.get("cursor")
        ? { body: { items: [{ run: second, objective: "loss (min)", best_objective: null }], next_cursor: null } }
        : { body: { items: [{ run: first, objective: "strict_accuracy (max)", best_objective: 0.3 }], next_cursor: "c2" } },
  });
  renderAt(<SweepsPage />, { url: "/sweeps" });
  const table = await screen.findByRole("table", { name: "Sweeps" });
  const cells = [...within(table).getAllByRole("row")[1]!.querySelectorAll("td")].slice(0, 5).map((cell) => cell.textContent);
  expect(cells).toEqual(["55555555lr-search", "running", "strict_accuracy (max)", "0.3", "4"]);
  expect(within(table).getByRole("link", { name: "55555555" })).toHaveAttribute("href", `/sweeps/${SWEEP_ID}`);
  await userEvent.click(screen.getByRole("button", { name: "Next page →" }));
  expect(await screen.findByText("loss (min)")).toBeInTheDocument();
  const row = within(screen.getByRole("table", { name: "Sweeps" })).getAllByRole("row")[1]!;
  expect([...row.querySelectorAll("td")].slice(3, 5).map((cell) => cell.textContent)).toEqual(["–", "3"]);
  expect(calls.map((call) => call.url.search)).toEqual(["?limit=50", "?limit=50&cursor=c2"]);
});

it("says how to start when there are no sweeps", async () => {
  mockApi({ "GET /api/sweeps": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<SweepsPage />, { url: "/sweeps" });
  expect(await screen.findByText(/No sweeps yet/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Start one" })).toHaveAttribute("href", "/sweeps/new");
});
