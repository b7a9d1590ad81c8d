import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { healthBody, statsBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { OverviewPage } from "./OverviewPage";

afterEach(() => vi.unstubAllGlobals());

it("puts health, counts and the (not yet available) runs panel together", async () => {
  mockApi({ "GET /api/health": () => ({ body: healthBody() }), "GET /api/traces/stats": () => ({ body: statsBody() }) });
  renderAt(<OverviewPage />);
  expect(await screen.findByText("sqlite")).toBeInTheDocument();
  expect(await screen.findByTestId("total-traces")).toHaveTextContent("120");
  expect(screen.getByRole("heading", { name: "Runs and queue" })).toBeInTheDocument();
  expect(screen.getByText(/Not shown yet/)).toBeInTheDocument();
});
