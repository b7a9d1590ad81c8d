import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { EVAL_A, EVAL_B, evaluationBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { LeaderboardPage } from "./LeaderboardPage";

afterEach(() => vi.unstubAllGlobals());

const evalsets = () => ({ body: { items: [], next_cursor: null } });

it("lists evaluations with the URL's filters and compares two of them", async () => {
  const { calls } = mockApi({
    "GET /api/evalsets": evalsets,
    "GET /api/leaderboard": () => ({
      body: { items: [evaluationBody(), evaluationBody({ run_id: EVAL_B, model: "tiny-llama", source_run_id: null, dataset_key: null, primary_score: 0.2 })], next_cursor: "n" },
    }),
  });
  renderAt(<LeaderboardPage />, { url: "/evaluations?evalset=arith-eval@v1&since=2026-01-01" });
  expect(await screen.findByRole("link", { name: "run 11111111" })).toHaveAttribute("href", `/evaluations/${EVAL_A}`);
  const call = calls.find((c) => c.url.pathname === "/api/leaderboard")!;
  expect(call.url.searchParams.get("evalset")).toBe("arith-eval@v1");
  expect(call.url.searchParams.get("since")).toBe("2026-01-01T00:00:00Z");
  expect(screen.getByRole("button", { name: "Next page →" })).toBeInTheDocument();
  expect(screen.getAllByText("50.0%")).toHaveLength(3);
  expect(screen.getByText("20.0%")).toBeInTheDocument();

  const compare = screen.getByRole("button", { name: "Compare selected (0/2)" });
  expect(compare).toBeDisabled();
  await userEvent.click(screen.getByRole("checkbox", { name: `Select evaluation ${EVAL_A} to compare` }));
  await userEvent.click(screen.getByRole("checkbox", { name: `Select evaluation ${EVAL_B} to compare` }));
  await userEvent.click(screen.getByRole("button", { name: "Compare selected (2/2)" }));
  expect(screen.getByTestId("location")).toHaveTextContent(`/evaluations/compare?a=${EVAL_A}&b=${EVAL_B}`);
});

it("applies typed filters to the URL, and says when nothing matches", async () => {
  mockApi({ "GET /api/evalsets": evalsets, "GET /api/leaderboard": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<LeaderboardPage />, { url: "/evaluations" });
  expect(await screen.findByText(/No evaluations yet/)).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText("Model"), "tiny-llama");
  await userEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(screen.getByTestId("location")).toHaveTextContent("/evaluations?model=tiny-llama");
  expect(await screen.findByText("No evaluations match these filters.")).toBeInTheDocument();
});

it("shows the API's problem in place", async () => {
  mockApi({
    "GET /api/evalsets": evalsets,
    "GET /api/leaderboard": () => ({ status: 422, body: { title: "Invalid input", status: 422, detail: "since must carry a timezone" } }),
  });
  renderAt(<LeaderboardPage />, { url: "/evaluations" });
  expect(await screen.findByText("since must carry a timezone")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});
