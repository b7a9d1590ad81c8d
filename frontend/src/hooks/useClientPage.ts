import { useEffect, useState } from "react";

/** A page of a list held in memory (evaluation items, comparisons): long lists are never
 * rendered whole. The page resets to the first when the list itself changes. */
export function useClientPage<T>(items: T[], size: number) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  useEffect(() => setPage(0), [items]);
  const current = Math.min(page, pages - 1);
  return { page: current, pages, setPage, rows: items.slice(current * size, (current + 1) * size), first: current * size };
}
