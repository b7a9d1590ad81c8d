// Query options for the runs resource, keyed under ["runs"]: a run mutation invalidates these
// (lists, details, logs, metrics, artifacts) and nothing else. Queries about a run that is still
// going poll; a finished run's answers do not change.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { RunPage, RunRead } from "../../../api/types";
import { getOverlayMetrics, getRun, getRunSummary, listArtifacts, listRuns } from "./runApi";
import { isActive, normalizeRunFilters, type RunFilters } from "./runFilters";

export const POLL_MS = 2_000;

export const runKeys = {
  all: ["runs"] as const,
  lists: () => [...runKeys.all, "list"] as const,
  list: (filters: RunFilters, cursor: string | undefined) =>
    [...runKeys.lists(), { filters: normalizeRunFilters(filters), cursor: cursor ?? null }] as const,
  summary: () => [...runKeys.all, "summary"] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
  overlays: () => [...runKeys.all, "overlay"] as const,
  overlay: (ids: string[], names: string[], points: number) => [...runKeys.overlays(), { ids, names, points }] as const,
  artifacts: (id: string) => [...runKeys.all, "artifacts", id] as const,
};

function anyActive(page: RunPage | undefined): boolean {
  return (page?.items ?? []).some((run) => isActive(run.status));
}

export const runQueries = {
  list: (filters: RunFilters, cursor?: string) =>
    queryOptions({
      queryKey: runKeys.list(filters, cursor),
      queryFn: ({ signal }) => listRuns(normalizeRunFilters(filters), cursor, signal),
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (anyActive(query.state.data) ? POLL_MS : false),
    }),
  /** Counts by status, queue by kind and worker heartbeats; polled, errors shown in place. */
  summary: () =>
    queryOptions({
      queryKey: runKeys.summary(),
      queryFn: ({ signal }) => getRunSummary(signal),
      refetchInterval: 5_000,
      meta: { inlineErrors: true },
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: runKeys.detail(id),
      queryFn: ({ signal }) => getRun(id, signal),
      refetchInterval: (query) => (query.state.data && isActive(query.state.data.status) ? POLL_MS : false),
      meta: { inlineErrors: true },
    }),
  /** Many runs' series in one request, `points` in all (LTTB per series on the server); polled while any is `live`. */
  overlay: (ids: string[], names: string[], points: number, live: boolean) =>
    queryOptions({
      queryKey: runKeys.overlay(ids, names, points),
      queryFn: ({ signal }) => getOverlayMetrics(ids, names, points, signal),
      refetchInterval: live ? POLL_MS : false,
      placeholderData: keepPreviousData,
      enabled: ids.length > 0,
      meta: { inlineErrors: true },
    }),
  artifacts: (id: string, live: boolean) =>
    queryOptions({
      queryKey: runKeys.artifacts(id),
      queryFn: ({ signal }) => listArtifacts(id, signal),
      refetchInterval: live ? POLL_MS * 2 : false,
    }),
};

export function runIsLive(run: RunRead | undefined): boolean {
  return run !== undefined && isActive(run.status);
}
