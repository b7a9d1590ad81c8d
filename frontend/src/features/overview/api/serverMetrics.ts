// What the server's Prometheus endpoint (/metrics, outside the OpenAPI schema) says about runs and
// workers: runs by status, queue depth by kind, and each live worker's heartbeat age. It is the only
// source of these counts (GET /api/runs pages, it does not count), so the overview reads it.
import { queryOptions } from "@tanstack/react-query";
import { request } from "../../../api/client";

export interface ServerMetrics {
  runsByStatus: Record<string, number>;
  queueByKind: Record<string, number>;
  /** Worker id -> seconds since its last heartbeat. */
  workers: Record<string, number>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The three families the overview shows, from the text exposition format. */
export function parseServerMetrics(text: string): ServerMetrics {
  const out: ServerMetrics = { runsByStatus: {}, queueByKind: {}, workers: {} };
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, rawLabels = "", rawValue] = match;
    const value = Number(rawValue);
    if (Number.isNaN(value)) continue;
    const labels: Record<string, string> = {};
    for (const [, key, labelValue] of rawLabels.matchAll(LABEL)) labels[key!] = labelValue!.replace(/\\(.)/g, "$1");
    if (name === "tunix_rt_runs" && labels.status) out.runsByStatus[labels.status] = value;
    else if (name === "tunix_rt_run_queue_depth" && labels.kind) out.queueByKind[labels.kind] = value;
    else if (name === "tunix_rt_worker_heartbeat_age_seconds" && labels.worker) out.workers[labels.worker] = value;
  }
  return out;
}

export const serverMetricsKeys = { all: ["server-metrics"] as const };

export const serverMetricsQueries = {
  /** Polled like health; shown in place (a server without the runs tables still has an overview). */
  current: () =>
    queryOptions({
      queryKey: serverMetricsKeys.all,
      queryFn: async ({ signal }) => parseServerMetrics(await request<string>("GET", "/metrics", { signal })),
      refetchInterval: 5_000,
      meta: { inlineErrors: true },
    }),
};
