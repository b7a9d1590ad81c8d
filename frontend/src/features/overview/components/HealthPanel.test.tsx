import { screen, within } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { healthBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { HealthPanel } from "./HealthPanel";

afterEach(() => vi.unstubAllGlobals());

it("shows status, database, schema revision and extras", async () => {
  mockApi({ "GET /api/health": () => ({ body: healthBody() }) });
  renderAt(<HealthPanel />);
  expect(await screen.findByText("sqlite")).toBeInTheDocument();
  expect(screen.getByText("ok")).toHaveClass("badge", "ok");
  expect(screen.getByText("(at head)")).toBeInTheDocument();
  const extras = within(screen.getByRole("list", { name: "Extras" }));
  expect(extras.getByText("postgres ✓")).toHaveAttribute("title", "installed");
  expect(extras.getByText("torch –")).toHaveAttribute("title", "not installed");
});

it("shows a degraded server (503) as data, with the database error", async () => {
  mockApi({
    "GET /api/health": () => ({
      status: 503,
      body: healthBody({
        status: "degraded",
        database: { dialect: "postgresql", ok: false, revision: null, head: "0003", error: "OSError: refused" },
      }),
    }),
  });
  renderAt(<HealthPanel />);
  expect(await screen.findByText("degraded")).toHaveClass("bad");
  expect(screen.getByText("unreachable")).toBeInTheDocument();
  expect(screen.getByText("OSError: refused")).toBeInTheDocument();
  expect(screen.getByText("0003")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

it("says why the worker makes the server degraded", async () => {
  mockApi({
    "GET /api/health": () => ({
      status: 503,
      body: healthBody({
        status: "degraded",
        worker: {
          embedded: true,
          alive: false,
          errors: 3,
          queued: 2,
          live_workers: 0,
          detail: "2 runs queued and no live worker",
          last_error: "OperationalError: database is locked",
        },
      }),
    }),
  });
  renderAt(<HealthPanel />);
  expect(await screen.findByText("degraded")).toHaveClass("bad");
  expect(screen.getByText(/0 live, 2 queued/)).toBeInTheDocument();
  expect(screen.getByText("2 runs queued and no live worker")).toHaveClass("bad");
  expect(screen.getByText("last error: OperationalError: database is locked")).toBeInTheDocument();
});
