// Query options for the sweeps resource, keyed under ["sweeps"]: a sweep mutation invalidates
// these (and the runs, whose list holds the sweep's run) and nothing else. A sweep that is still
// going polls, its list page too; a finished sweep's answer does not change.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { SweepPage } from "../../../api/types";
import { isActive } from "../../runs/api/runFilters";
import { POLL_MS } from "../../runs/api/runQueries";
import { getSweep, listSweeps } from "./sweepApi";

export const sweepKeys = {
  all: ["sweeps"] as const,
  lists: () => [...sweepKeys.all, "list"] as const,
  list: (cursor: string | undefined) => [...sweepKeys.lists(), { cursor: cursor ?? null }] as const,
  detail: (id: string) => [...sweepKeys.all, "detail", id] as const,
};

function anyActive(page: SweepPage | undefined): boolean {
  return (page?.items ?? []).some((sweep) => isActive(sweep.run.status));
}

export const sweepQueries = {
  list: (cursor?: string) =>
    queryOptions({
      queryKey: sweepKeys.list(cursor),
      queryFn: ({ signal }) => listSweeps(cursor, signal),
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (anyActive(query.state.data) ? POLL_MS : false),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: sweepKeys.detail(id),
      queryFn: ({ signal }) => getSweep(id, signal),
      refetchInterval: (query) => (query.state.data && isActive(query.state.data.run.status) ? POLL_MS : false),
      meta: { inlineErrors: true },
    }),
};
