// The run routes, typed by the generated OpenAPI schema.
import { request } from "../../../api/client";
import type {
  ArtifactList,
  LogPage,
  MetricsBatch,
  RolloutPage,
  RolloutSteps,
  RunCreate,
  RunPage,
  RunRead,
  RunSummary,
  RunUpdate,
} from "../../../api/types";
import type { RunFilters } from "./runFilters";

export const PAGE_SIZE = 50;

export function runPath(id: string): string {
  return `/api/runs/${encodeURIComponent(id)}`;
}

export function listRuns(filters: RunFilters, cursor: string | undefined, signal?: AbortSignal) {
  return request<RunPage>("GET", "/api/runs", { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });
}

export function getRunSummary(signal?: AbortSignal) {
  return request<RunSummary>("GET", "/api/runs/summary", { signal });
}

export function getRun(id: string, signal?: AbortSignal) {
  return request<RunRead>("GET", runPath(id), { signal });
}

export function submitRun(body: RunCreate) {
  return request<RunRead>("POST", "/api/runs", { json: body });
}

/** Set or clear (null) a run's name and notes; fields left out stay as they are. */
export function editRun(id: string, body: RunUpdate) {
  return request<RunRead>("PATCH", runPath(id), { json: body });
}

export function cancelRun(id: string) {
  return request<RunRead>("POST", `${runPath(id)}/cancel`);
}

export function retryRun(id: string) {
  return request<RunRead>("POST", `${runPath(id)}/retry`);
}

export function resumeRun(id: string) {
  return request<RunRead>("POST", `${runPath(id)}/resume`);
}

export function deleteRun(id: string) {
  return request<void>("DELETE", runPath(id));
}

export function getRunLogs(id: string, after: number, signal?: AbortSignal) {
  return request<LogPage>("GET", `${runPath(id)}/logs`, { query: { after, limit: 1000 }, signal });
}

/** Several runs' series in one request, downsampled on the server to `points` in all. */
export function getOverlayMetrics(ids: string[], names: string[], points: number, signal?: AbortSignal) {
  return request<MetricsBatch>("GET", "/api/runs/metrics", {
    query: { ids: ids.join(","), names: names.join(",") || undefined, points },
    signal,
  });
}

export function listArtifacts(id: string, signal?: AbortSignal) {
  return request<ArtifactList>("GET", `${runPath(id)}/artifacts`, { signal });
}

export function artifactUrl(id: string, path: string): string {
  return `${runPath(id)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** A sample run's result, its `sample_summary.json`: completions kept and dropped per reason,
 * pass@1 and pass@k of the model on the prompts, and the tokens it took. */
export interface SampleSummary {
  prompts: number;
  completions: number;
  k: number;
  kept: number;
  dropped: Record<string, number>;
  pass_at_1: number;
  pass_at_k: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export function getSampleSummary(id: string, signal?: AbortSignal) {
  return request<SampleSummary>("GET", artifactUrl(id, "sample_summary.json"), { signal });
}

/** A GRPO run's recorded steps: per-reward means, mean total and length, and the alarms. */
export function getRolloutSteps(id: string, signal?: AbortSignal) {
  return request<RolloutSteps>("GET", `${runPath(id)}/rollouts/steps`, { signal });
}

/** The rollouts of one recorded step (every group: a step holds a batch, under a page). */
export function listStepRollouts(id: string, step: number, signal?: AbortSignal) {
  return request<RolloutPage>("GET", `${runPath(id)}/rollouts`, { query: { step, limit: 1000 }, signal });
}
