import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { setToken } from "../../../api/token";
import { statsBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { TraceCountsPanel } from "./TraceCountsPanel";

afterEach(() => vi.unstubAllGlobals());

it("shows counts that link to the matching filtered lists", async () => {
  mockApi({ "GET /api/traces/stats": () => ({ body: statsBody() }) });
  renderAt(<TraceCountsPanel />);
  expect(await screen.findByTestId("total-traces")).toHaveTextContent("120");
  expect(screen.getByText("flagged").closest("a")).toHaveAttribute("href", "/traces?quality=flagged");
  expect(screen.getByRole("link", { name: "synth:arithmetic" })).toHaveAttribute("href", "/traces?source=synth%3Aarithmetic");
  expect(screen.getByRole("link", { name: "reasoning" })).toHaveAttribute("href", "/traces?meta.category=reasoning");
  expect(screen.getByRole("link", { name: "arithmetic_error" })).toHaveAttribute("href", "/traces?flag=arithmetic_error");
  expect(screen.getByText("2 / 3.5 / 6")).toBeInTheDocument();
});

it("says none for empty breakdowns", async () => {
  mockApi({
    "GET /api/traces/stats": () => ({
      body: statsBody({ total: 0, flagged: 0, by_source: {}, by_category: {}, by_flag: {}, steps: { min: null, mean: null, max: null } }),
    }),
  });
  renderAt(<TraceCountsPanel />);
  expect(await screen.findByTestId("total-traces")).toHaveTextContent("0");
  expect(screen.getAllByText("none")).toHaveLength(3);
  expect(screen.getByText("– / – / –")).toBeInTheDocument();
});

it("shows the top entries of a long breakdown and sums the rest", async () => {
  const by_category = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`c${n}`, 10 - n]));
  mockApi({ "GET /api/traces/stats": () => ({ body: statsBody({ by_category, by_source: { unknown: 4 } }) }) });
  renderAt(<TraceCountsPanel />);
  expect(await screen.findByRole("link", { name: "c7" })).toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "c8" })).not.toBeInTheDocument();
  expect(screen.getByRole("row", { name: "2 more 3" })).toBeInTheDocument();
  expect(screen.getByText("unknown").closest("a")).toBeNull();
});

const unauthorized = () => ({ status: 401, body: { title: "Unauthorized", status: 401, detail: "this server needs an API token (Authorization: Bearer ...)" } });

it("says the server needs a token, and how to set one, when it answers 401", async () => {
  mockApi({ "GET /api/traces/stats": unauthorized });
  renderAt(<TraceCountsPanel />);
  const hint = await screen.findByText(/This server needs an API token/);
  expect(hint).toHaveTextContent("Paste one under “API token” in the sidebar.");
  expect(hint).toHaveTextContent("tunix-rt tokens create --scope read");
  expect(screen.queryByTestId("total-traces")).toBeNull();
});

it("says the token set in this browser was refused when the server answers 401 to it", async () => {
  setToken("stale-token");
  const { fetchMock } = mockApi({ "GET /api/traces/stats": unauthorized });
  renderAt(<TraceCountsPanel />);
  expect(await screen.findByText(/refused the API token set in this browser/)).toHaveTextContent("Press “Forget” in the sidebar");
  expect((fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>).Authorization).toBe("Bearer stale-token");
});

it("names any other problem in place of the counts", async () => {
  mockApi({ "GET /api/traces/stats": () => ({ status: 503, body: { title: "Service Unavailable", status: 503, detail: "database is down" } }) });
  renderAt(<TraceCountsPanel />);
  expect(await screen.findByText("Trace counts unavailable: database is down")).toBeInTheDocument();
});
