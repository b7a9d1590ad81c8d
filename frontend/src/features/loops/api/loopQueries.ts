// Query options for the loops resource, keyed under ["loops"]. A loop that is still going polls,
// its list page too; a finished loop's answer does not change.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { LoopPage } from "../../../api/types";
import { isActive } from "../../runs/api/runFilters";
import { POLL_MS } from "../../runs/api/runQueries";
import { getLoop, listLoops } from "./loopApi";

export const loopKeys = {
  all: ["loops"] as const,
  list: (cursor: string | undefined) => [...loopKeys.all, "list", { cursor: cursor ?? null }] as const,
  detail: (id: string) => [...loopKeys.all, "detail", id] as const,
};

function anyActive(page: LoopPage | undefined): boolean {
  return (page?.items ?? []).some((loop) => isActive(loop.run.status));
}

export const loopQueries = {
  list: (cursor?: string) =>
    queryOptions({
      queryKey: loopKeys.list(cursor),
      queryFn: ({ signal }) => listLoops(cursor, signal),
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (anyActive(query.state.data) ? POLL_MS : false),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: loopKeys.detail(id),
      queryFn: ({ signal }) => getLoop(id, signal),
      refetchInterval: (query) => (query.state.data && isActive(query.state.data.run.status) ? POLL_MS : false),
      meta: { inlineErrors: true },
    }),
};
