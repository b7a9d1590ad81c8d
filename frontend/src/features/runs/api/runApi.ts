// The run routes, typed by the generated OpenAPI schema.
import { request } from "../../../api/client";
import type { ArtifactList, LogPage, RunCreate, RunMetrics, RunPage, RunRead, RunSummary } from "../../../api/types";
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

export function cancelRun(id: string) {
  return request<RunRead>("POST", `${runPath(id)}/cancel`);
}

export function retryRun(id: string) {
  return request<RunRead>("POST", `${runPath(id)}/retry`);
}

export function deleteRun(id: string) {
  return request<void>("DELETE", runPath(id));
}

export function getRunLogs(id: string, after: number, signal?: AbortSignal) {
  return request<LogPage>("GET", `${runPath(id)}/logs`, { query: { after, limit: 1000 }, signal });
}

export function getRunMetrics(id: string, names: string[], downsample: number, signal?: AbortSignal) {
  return request<RunMetrics>("GET", `${runPath(id)}/metrics`, {
    query: { names: names.join(",") || undefined, downsample },
    signal,
  });
}

export function listArtifacts(id: string, signal?: AbortSignal) {
  return request<ArtifactList>("GET", `${runPath(id)}/artifacts`, { signal });
}

export function artifactUrl(id: string, path: string): string {
  return `${runPath(id)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}
