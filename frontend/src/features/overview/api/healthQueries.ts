import { queryOptions } from "@tanstack/react-query";
import { request } from "../../../api/client";
import type { Health } from "../../../api/types";

export const healthKeys = {
  all: ["health"] as const,
};

export const healthQueries = {
  /** GET /api/health, polled: a degraded server answers 503 with the same body, shown as data. */
  current: () =>
    queryOptions({
      queryKey: healthKeys.all,
      queryFn: ({ signal }) => request<Health>("GET", "/api/health", { signal, acceptStatus: [503] }),
      refetchInterval: 10_000,
    }),
};
