import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { healthBody, runSummaryBody, statsBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { OverviewPage } from "./OverviewPage";

afterEach(() => vi.unstubAllGlobals());

it("puts health, runs and queue, and trace counts together", async () => {
  mockApi({
    "GET /api/health": () => ({ body: healthBody() }),
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/runs/summary": () => ({ body: runSummaryBody({ queued_by_kind: { train: 4 } }) }),
  });
  renderAt(<OverviewPage />);
  expect(await screen.findByText("sqlite")).toBeInTheDocument();
  expect(await screen.findByTestId("total-traces")).toHaveTextContent("120");
  expect(screen.getByRole("heading", { name: "Runs and queue" })).toBeInTheDocument();
  expect(await screen.findByTestId("queue-depth")).toHaveTextContent("4");
});
