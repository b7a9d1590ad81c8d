import { screen, within } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { runBody, runSummaryBody, workerBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunsPanel } from "./RunsPanel";

afterEach(() => vi.unstubAllGlobals());

it("shows queue depth, workers alive, counts by status and the newest runs", async () => {
  const failed = runBody({ id: "22222222-2222-4222-8222-222222222222", status: "failed", kind: "eval" });
  mockApi({
    "GET /api/runs/summary": () => ({
      body: runSummaryBody({
        by_status: { queued: 3, running: 1, cancel_requested: 0, succeeded: 0, failed: 0, cancelled: 0 },
        queued_by_kind: { train: 2, eval: 1 },
        workers: [workerBody({ id: "vm:1" }), workerBody({ id: "vm:2", heartbeat_age_seconds: 400, alive: false })],
      }),
    }),
    "GET /api/runs": () => ({ body: { items: [runBody(), failed], next_cursor: null } }),
  });
  renderAt(<RunsPanel />);
  expect(await screen.findByTestId("queue-depth")).toHaveTextContent("3");
  expect(screen.getByText(/queued \(train 2, eval 1\)/)).toBeInTheDocument();
  expect(screen.getByTestId("workers-alive")).toHaveTextContent("1");
  expect(screen.getByText(/1 stale/)).toBeInTheDocument();
  expect(screen.getByTestId("workers-alive").parentElement).toHaveAttribute(
    "title",
    "Alive: a heartbeat within the last 30 s (the run lease).\nvm:1: heartbeat 2 s ago\nvm:2: heartbeat 400 s ago",
  );
  const byStatus = within(screen.getByRole("list", { name: "Runs by status" }));
  expect(byStatus.getByRole("link", { name: "queued 3" })).toHaveAttribute("href", "/runs?status=queued");
  const recent = await screen.findByRole("table", { name: "Recent runs" });
  expect(within(recent).getByRole("link", { name: "22222222" })).toHaveAttribute("href", "/runs/22222222-2222-4222-8222-222222222222");
  expect(within(recent).getByText("failed")).toBeInTheDocument();
});

it("says what is missing when the summary does not answer, and when there are no runs", async () => {
  mockApi({
    "GET /api/runs/summary": () => ({ status: 401, body: { title: "Unauthorized", status: 401, detail: "a bearer token is required" } }),
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
  });
  renderAt(<RunsPanel />);
  expect(await screen.findByText(/This server needs an API token/)).toHaveTextContent("tunix-rt tokens create");
  expect(await screen.findByText(/No runs yet/)).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});
