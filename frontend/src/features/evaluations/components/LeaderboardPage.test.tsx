import { screen, within } from "@testing-library/react";
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

it("refuses to rank evaluations made with different settings until asked, then says what it ranked over", async () => {
  const mismatches = [{ evalset: "arith-eval@v1", a: [`run:${EVAL_A}`], b: ["tiny-llama"], differences: [{ setting: "dtype", a: "float32", b: "bfloat16" }] }];
  const { calls } = mockApi({
    "GET /api/evalsets": evalsets,
    "GET /api/leaderboard": ({ url }) =>
      url.searchParams.get("force") === "true"
        ? { body: { items: [evaluationBody()], next_cursor: null, settings_differences: mismatches, left_out: [] } }
        : { status: 409, body: { title: "Conflict", status: 409, detail: "different settings", mismatches } },
  });
  renderAt(<LeaderboardPage />, { url: "/evaluations?evalset=arith-eval@v1" });
  const refused = await screen.findByRole("region", { name: "Not comparable" });
  expect(within(refused).getByRole("table", { name: "Settings that differ on arith-eval@v1" })).toHaveTextContent("dtypefloat32bfloat16");
  expect(screen.queryByRole("table", { name: "Leaderboard" })).not.toBeInTheDocument();
  await userEvent.click(within(refused).getByRole("button", { name: "Rank anyway" }));
  expect(await screen.findByRole("table", { name: "Leaderboard" })).toBeInTheDocument();
  expect(screen.getByTestId("location")).toHaveTextContent("/evaluations?evalset=arith-eval%40v1&force=1");
  const over = screen.getByRole("region", { name: "Ranked over different settings" });
  await userEvent.click(within(over).getByRole("button", { name: "Rank only comparable evaluations" }));
  expect(await screen.findByRole("region", { name: "Not comparable" })).toBeInTheDocument();
  expect(calls.filter((c) => c.url.pathname === "/api/leaderboard").map((c) => c.url.searchParams.get("force"))).toEqual([null, "true", null]);
});

it("says which judge's scores it left out and why, and includes them on request", async () => {
  const leftOut = [{ metric: "judge:llm", reason: "judge 'llm' cannot rank the leaderboard yet: Cohen's kappa with human labels is undefined on 0 labelled items" }];
  mockApi({
    "GET /api/evalsets": evalsets,
    "GET /api/leaderboard": ({ url }) => ({
      body: { items: [evaluationBody()], next_cursor: null, settings_differences: [], left_out: url.searchParams.get("force") ? [] : leftOut },
    }),
  });
  renderAt(<LeaderboardPage />, { url: "/evaluations" });
  const notice = await screen.findByRole("region", { name: "Left out" });
  expect(notice).toHaveTextContent("Left out the evaluations ranked by judge:llm: judge 'llm' cannot rank the leaderboard yet");
  await userEvent.click(within(notice).getByRole("button", { name: "Include them" }));
  expect(screen.getByTestId("location")).toHaveTextContent("force=1");
  await vi.waitFor(() => expect(screen.queryByRole("region", { name: "Left out" })).not.toBeInTheDocument());
});
