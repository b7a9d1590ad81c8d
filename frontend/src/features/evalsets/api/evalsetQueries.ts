// Query options for the eval-set pages, keyed under ["evalsets"]. An eval set version never
// changes once stored (a new one is a new key), so its detail and items are never stale.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getEvalset, getEvalsetItems, listEvalsetPage } from "./evalsetApi";

export const evalsetKeys = {
  all: ["evalsets"] as const,
  list: (cursor: string | undefined) => [...evalsetKeys.all, "list", { cursor: cursor ?? null }] as const,
  detail: (key: string) => [...evalsetKeys.all, "detail", key] as const,
  items: (key: string) => [...evalsetKeys.all, "items", key] as const,
};

export const evalsetQueries = {
  list: (cursor?: string) =>
    queryOptions({
      queryKey: evalsetKeys.list(cursor),
      queryFn: ({ signal }) => listEvalsetPage(cursor, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (key: string) =>
    queryOptions({
      queryKey: evalsetKeys.detail(key),
      queryFn: ({ signal }) => getEvalset(key, signal),
      staleTime: Infinity,
      meta: { inlineErrors: true },
    }),
  items: (key: string) =>
    queryOptions({
      queryKey: evalsetKeys.items(key),
      queryFn: ({ signal }) => getEvalsetItems(key, signal),
      staleTime: Infinity,
    }),
};
