import { expect, it } from "vitest";
import { parseServerMetrics } from "./serverMetrics";

it("reads runs by status, queue depth by kind and worker heartbeats from the exposition text", () => {
  const text = [
    "# HELP tunix_rt_runs Runs in the database, by status.",
    "# TYPE tunix_rt_runs gauge",
    'tunix_rt_runs{status="queued"} 2.0',
    'tunix_rt_runs{status="succeeded"} 5.0',
    'tunix_rt_run_queue_depth{kind="train"} 2.0',
    'tunix_rt_worker_heartbeat_age_seconds{worker="vm:1:a\\"b"} 1.5',
    'tunix_rt_http_requests_total{method="GET",route="/api/health",status="200"} 9.0',
  ].join("\n");
  expect(parseServerMetrics(text)).toEqual({
    runsByStatus: { queued: 2, succeeded: 5 },
    queueByKind: { train: 2 },
    workers: { 'vm:1:a"b': 1.5 },
  });
});
