import { expect, it } from "vitest";
import type { SweepRead } from "../../../api/types";
import { sweepBody } from "../../../test/fixtures";
import { POLL_MS } from "../../runs/api/runQueries";
import { sweepKeys, sweepQueries } from "./sweepQueries";

it("keys every sweep query under ['sweeps']", () => {
  expect(sweepQueries.list().queryKey).toEqual(["sweeps", "list", { cursor: null }]);
  expect(sweepQueries.detail("s").queryKey).toEqual(["sweeps", "detail", "s"]);
  expect(sweepKeys.list("c")).toEqual(["sweeps", "list", { cursor: "c" }]);
});

it("polls a sweep while it is queued or running, and stops once it has finished", () => {
  const interval = (sweep: SweepRead) => {
    const refetch = sweepQueries.detail(sweep.run.id).refetchInterval;
    if (typeof refetch !== "function") throw new Error("the detail query should poll by a function");
    // The function reads only the query's data.
    return refetch({ state: { data: sweep } } as unknown as Parameters<typeof refetch>[0]);
  };
  const running = sweepBody();
  expect(interval(running)).toBe(POLL_MS);
  expect(interval({ ...running, run: { ...running.run, status: "succeeded" } })).toBe(false);
  expect(interval({ ...running, run: { ...running.run, status: "queued" } })).toBe(POLL_MS);
});
