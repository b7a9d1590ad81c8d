// Query options for the traces resource. Keys are hierarchical under ["traces"], so a trace
// mutation invalidates exactly this resource (lists, details, stats, comparisons) and nothing else.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { compareTraces, getTrace, getTraceStats, listTraces } from "./traceApi";
import { normalizeFilters, type TraceFilters } from "./traceFilters";

export const traceKeys = {
  all: ["traces"] as const,
  lists: () => [...traceKeys.all, "list"] as const,
  list: (filters: TraceFilters, cursor: string | undefined) =>
    [...traceKeys.lists(), { filters: normalizeFilters(filters), cursor: cursor ?? null }] as const,
  detail: (id: string) => [...traceKeys.all, "detail", id] as const,
  stats: (filters: TraceFilters) => [...traceKeys.all, "stats", normalizeFilters(filters)] as const,
  compare: (a: string, b: string) => [...traceKeys.all, "compare", { a, b }] as const,
};

export const traceQueries = {
  list: (filters: TraceFilters, cursor?: string) =>
    queryOptions({
      queryKey: traceKeys.list(filters, cursor),
      queryFn: ({ signal }) => listTraces(normalizeFilters(filters), cursor, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: traceKeys.detail(id),
      queryFn: ({ signal }) => getTrace(id, signal),
    }),
  stats: (filters: TraceFilters) =>
    queryOptions({
      queryKey: traceKeys.stats(filters),
      queryFn: ({ signal }) => getTraceStats(normalizeFilters(filters), signal),
    }),
  compare: (a: string, b: string) =>
    queryOptions({
      queryKey: traceKeys.compare(a, b),
      queryFn: ({ signal }) => compareTraces(a, b, signal),
    }),
};
