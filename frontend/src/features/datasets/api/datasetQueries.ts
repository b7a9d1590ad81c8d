// Query options for the datasets resource, keyed under ["datasets"]: a dataset mutation
// invalidates these (lists, details, diffs, counts) and nothing else.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { TraceQuery } from "../../../api/types";
import { countQuery, diffDatasets, getDataset, listDatasets } from "./datasetApi";

export const datasetKeys = {
  all: ["datasets"] as const,
  lists: () => [...datasetKeys.all, "list"] as const,
  list: (cursor: string | undefined) => [...datasetKeys.lists(), { cursor: cursor ?? null }] as const,
  detail: (key: string) => [...datasetKeys.all, "detail", key] as const,
  diff: (a: string, b: string) => [...datasetKeys.all, "diff", { a, b }] as const,
  count: (query: TraceQuery) => [...datasetKeys.all, "count", query] as const,
};

export const datasetQueries = {
  list: (cursor?: string) =>
    queryOptions({
      queryKey: datasetKeys.list(cursor),
      queryFn: ({ signal }) => listDatasets(cursor, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (key: string) =>
    queryOptions({
      queryKey: datasetKeys.detail(key),
      queryFn: ({ signal }) => getDataset(key, signal),
      meta: { inlineErrors: true },
    }),
  diff: (a: string, b: string) =>
    queryOptions({
      queryKey: datasetKeys.diff(a, b),
      queryFn: ({ signal }) => diffDatasets(a, b, signal),
      meta: { inlineErrors: true },
    }),
  /** The builder's live count; shown in place (an invalid query is part of editing, not an alert). */
  count: (query: TraceQuery) =>
    queryOptions({
      queryKey: datasetKeys.count(query),
      queryFn: ({ signal }) => countQuery(query, signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
      meta: { inlineErrors: true },
    }),
};
