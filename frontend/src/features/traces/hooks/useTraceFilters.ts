import { useSearchParams } from "react-router-dom";
import { filtersFromSearch, filtersToSearch, type TraceFilters } from "../api/traceFilters";

/** The list's filters and page cursor, kept in the URL (reload, back button and links work). */
export function useTraceFilters() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const cursor = params.get("cursor") ?? undefined;
  return {
    filters,
    cursor,
    setFilters: (next: TraceFilters) => setParams(new URLSearchParams(filtersToSearch(next))),
    setCursor: (next: string | undefined) =>
      setParams(new URLSearchParams(filtersToSearch(filters, next ? { cursor: next } : {}))),
  };
}
