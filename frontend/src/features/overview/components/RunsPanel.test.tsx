import { screen, within } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunsPanel } from "./RunsPanel";

afterEach(() => vi.unstubAllGlobals());

const metrics = [
  'tunix_rt_runs{status="queued"} 3.0',
  'tunix_rt_runs{status="running"} 1.0',
  'tunix_rt_run_queue_depth{kind="train"} 2.0',
  'tunix_rt_run_queue_depth{kind="eval"} 1.0',
  'tunix_rt_worker_heartbeat_age_seconds{worker="vm:1"} 2.0',
  'tunix_rt_worker_heartbeat_age_seconds{worker="vm:2"} 400.0',
].join("\n");

it("shows queue depth, workers alive, counts by status and the newest runs", async () => {
  const failed = runBody({ id: "22222222-2222-4222-8222-222222222222", status: "failed", kind: "eval" });
  mockApi({
    "GET /metrics": () => ({ body: metrics }),
    "GET /api/runs": () => ({ body: { items: [runBody(), failed], next_cursor: null } }),
  });
  renderAt(<RunsPanel />);
  expect(await screen.findByTestId("queue-depth")).toHaveTextContent("3");
  expect(screen.getByText(/queued \(train 2, eval 1\)/)).toBeInTheDocument();
  expect(screen.getByTestId("workers-alive")).toHaveTextContent("1");
  expect(screen.getByText(/1 stale/)).toBeInTheDocument();
  const byStatus = within(screen.getByRole("list", { name: "Runs by status" }));
  expect(byStatus.getByRole("link", { name: "queued 3" })).toHaveAttribute("href", "/runs?status=queued");
  const recent = await screen.findByRole("table", { name: "Recent runs" });
  expect(within(recent).getByRole("link", { name: "22222222" })).toHaveAttribute("href", "/runs/22222222-2222-4222-8222-222222222222");
  expect(within(recent).getByText("failed")).toBeInTheDocument();
});

it("says what is missing when /metrics does not answer, and when there are no runs", async () => {
  mockApi({
    "GET /metrics": () => ({ status: 401, body: { title: "Unauthorized", status: 401, detail: "a bearer token is required" } }),
    "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }),
  });
  renderAt(<RunsPanel />);
  expect(await screen.findByText(/a bearer token is required/)).toBeInTheDocument();
  expect(await screen.findByText(/No runs yet/)).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});
