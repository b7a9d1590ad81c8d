import { screen, waitFor } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { healthBody, runSummaryBody, statsBody } from "../test/fixtures";
import { mockApi, renderAt } from "../test/render";
import { AppRoutes } from "./AppRoutes";

afterEach(() => vi.unstubAllGlobals());

it("frames every page with the nav and routes unknown paths to a not-found page", async () => {
  mockApi({});
  renderAt(<AppRoutes />, { url: "/nowhere" });
  expect(screen.getByRole("heading", { name: "Not found" })).toBeInTheDocument();
  expect(document.title).toBe("Not found · tunix-rt");
  const nav = screen.getByRole("navigation", { name: "Main" });
  for (const label of ["Overview", "Traces", "Add traces", "Compare", "Eval sets", "Leaderboard", "Regression gate", "Models"]) {
    expect(nav).toContainElement(screen.getByRole("link", { name: label }));
  }
});

it("opens the overview at /", async () => {
  mockApi({
    "GET /api/health": () => ({ body: healthBody() }),
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/runs/summary": () => ({ body: runSummaryBody() }),
  });
  renderAt(<AppRoutes />, { url: "/" });
  // Pages are lazy chunks: the frame shows a loading line until the page's module arrives.
  expect(screen.getByRole("status")).toHaveTextContent("Loading page…");
  expect(await screen.findByRole("heading", { name: "Overview" })).toBeInTheDocument();
  await waitFor(() => expect(document.title).toBe("Overview · tunix-rt")); // set by an effect after the render
  expect(await screen.findByText("sqlite")).toBeInTheDocument();
  expect(await screen.findByTestId("total-traces")).toHaveTextContent("120");
  expect(screen.getByRole("link", { name: "Overview" })).toHaveClass("active");
});
