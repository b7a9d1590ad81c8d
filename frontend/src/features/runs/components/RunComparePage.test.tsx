import { screen, waitFor } from "@testing-library/react";
import uPlot from "uplot";
import { afterEach, expect, it, vi } from "vitest";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunComparePage } from "./RunComparePage";

vi.mock("uplot", () => import("../../../test/fakeUplot"));
afterEach(() => vi.unstubAllGlobals());

const ids = Array.from({ length: 120 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`);

it("overlays many runs with one request for all their series", async () => {
  const { calls } = mockApi({
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/runs/metrics": () => ({
      body: {
        points: 60_000,
        returned: 240,
        series: ids.map((run_id, n) => ({ run_id, name: "loss", count: 2000, steps: [0, 1999], values: [n, n / 2] })),
      },
    }),
  });
  renderAt(<RunComparePage />, { url: `/runs/compare?ids=${ids.join(",")},not-an-id` });
  await waitFor(() => expect(screen.getByTestId("chart-loss")).toHaveAttribute("data-points", "240")); // drawn empty first
  expect(screen.getByText(/240 points, 120 runs/)).toBeInTheDocument();
  const overlay = calls.filter((call) => call.url.pathname === "/api/runs/metrics");
  expect(overlay).toHaveLength(1);
  expect(overlay[0]!.url.searchParams.get("ids")!.split(",")).toEqual(ids);
  expect(overlay[0]!.url.searchParams.get("points")).toBe("60000");
  expect(calls.some((call) => /\/api\/runs\/[0-9a-f-]{36}\/metrics/.test(call.url.pathname))).toBe(false);
  expect(screen.getByText(/and 100 more/)).toBeInTheDocument();
  expect(screen.queryByTestId("chart-learning rate")).not.toBeInTheDocument();
  expect(screen.getByText("learning rate: not logged")).toBeInTheDocument();
});

it("shows the API's problem when a run is unknown", async () => {
  mockApi({
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/runs/metrics": () => ({ status: 404, body: { title: "Not Found", status: 404, detail: `1 run(s) do not exist: ${ids[0]}` } }),
  });
  renderAt(<RunComparePage />, { url: `/runs/compare?ids=${ids[0]}` });
  expect(await screen.findByText(`1 run(s) do not exist: ${ids[0]}`)).toBeInTheDocument();
});

it("takes id prefixes and labels each run by its name, else its short id", async () => {
  const named = runBody({ id: "d45608ab-1c2d-4e5f-8a9b-0123456789ab", name: "lr 3e-4", status: "succeeded" });
  const plain = "218c1b04-0000-4000-8000-000000000001";
  const { calls } = mockApi({
    "GET /api/runs": () => ({ body: { items: [named], next_cursor: null } }),
    "GET /api/runs/metrics": () => ({
      body: {
        points: 1000,
        returned: 4,
        series: [named.id, plain].map((run_id) => ({ run_id, name: "loss", count: 2, steps: [0, 1], values: [2, 1] })),
      },
    }),
  });
  renderAt(<RunComparePage />, { url: "/runs/compare?ids=D45608,218c1b04-0000,abc" });
  await waitFor(() => expect(screen.getByTestId("chart-loss")).toHaveAttribute("data-points", "4")); // drawn empty first
  const overlay = calls.find((call) => call.url.pathname === "/api/runs/metrics")!;
  expect(overlay.url.searchParams.get("ids")).toBe("D45608,218c1b04-0000");
  expect(screen.getByRole("link", { name: "lr 3e-4" })).toHaveAttribute("href", "/runs/D45608");
  expect(screen.getByRole("link", { name: "218c1b04" })).toHaveAttribute("href", "/runs/218c1b04-0000");
  const options = vi.mocked(uPlot).mock.calls.at(-1)![0] as { series: { label: string }[] };
  expect(options.series.map((series) => series.label)).toEqual(["step", "lr 3e-4", "218c1b04"]);
});
