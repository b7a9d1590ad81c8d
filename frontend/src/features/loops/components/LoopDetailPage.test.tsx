import { screen, within } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { LOOP_ID, loopBody, roundBody } from "../../../test/fixtures";
import { setData } from "../../../test/fakeUplot";
import { mockApi, renderAt } from "../../../test/render";
import { LoopDetailPage } from "./LoopDetailPage";

vi.mock("uplot", () => import("../../../test/fakeUplot"));

afterEach(() => vi.unstubAllGlobals());

function renderLoop(body = loopBody()) {
  mockApi({ [`GET /api/loops/${LOOP_ID}`]: () => ({ body }) });
  renderAt(<LoopDetailPage />, { url: `/loops/${LOOP_ID}`, path: "/loops/:loopId" });
}

it("shows each round's accuracy, traces kept, pass@k and test against round 0, with its runs", async () => {
  renderLoop();
  const table = await screen.findByRole("table", { name: "Rounds" });
  expect(document.title).toBe("Loop 77777777 (running) · tunix-rt");
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((row) => [...row.querySelectorAll("td")].slice(0, 7).map((cell) => cell.textContent))).toEqual([
    ["0", "succeeded", "0.100 [0.060, 0.140]", "–", "–", "–", "–"],
    ["1", "succeeded", "0.200 [0.160, 0.240]", "100", "0.100", "0.200", "+10 −2, p 0.031"],
    ["2", "running", "–", "200", "0.200", "0.400", "–"],
  ]);
  const first = screen.getByRole("row", { name: "Round 1" });
  expect(within(first).getByRole("link", { name: "sample" })).toHaveAttribute("href", "/runs/11000000-0000-4000-8000-000000000001");
  expect(within(first).getByRole("link", { name: "dataset" })).toHaveAttribute("href", "/datasets/loop-77777777%40v1");
  expect(within(first).getByRole("link", { name: /\+10 −2/ })).toHaveAttribute("href", "/evaluations/compare?a=03000000&b=13000000");
  // round 2 is still training: its evaluation is not linked yet
  expect(within(screen.getByRole("row", { name: "Round 2" })).queryByRole("link", { name: "eval" })).toBeNull();
  expect(screen.getByText("1 of 2 done")).toBeInTheDocument();
  expect(setData).toHaveBeenLastCalledWith([[0, 1, 2], [0.1, 0.2, null], [null, 0.2, 0.4], [null, 100, 200]]);
  expect(screen.getByText(/Accuracy, pass@4 and traces kept per round/)).toBeInTheDocument();
});

it("says why a round failed", async () => {
  const rounds = [roundBody(0), roundBody(1, { status: "failed", strict: null, error: "round 1: no sampled completion was verified" })];
  renderLoop(loopBody({ rounds, run: { ...loopBody().run, status: "failed" } }));
  const row = await screen.findByRole("row", { name: "Round 1" });
  expect(within(row).getByText("round 1: no sampled completion was verified")).toHaveClass("bad");
  expect(document.title).toBe("Loop 77777777 (failed) · tunix-rt");
});
