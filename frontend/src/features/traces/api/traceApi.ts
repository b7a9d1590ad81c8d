// The trace routes, typed by the generated OpenAPI schema.
import { request } from "../../../api/client";
import type {
  BatchResult,
  ImportResult,
  SynthRequest,
  TagsUpdate,
  TraceCompare,
  TracePage,
  TraceRead,
  TraceStats,
} from "../../../api/types";
import { filtersToQuery, type TraceFilters } from "./traceFilters";

export const PAGE_SIZE = 50;

export function listTraces(filters: TraceFilters, cursor: string | undefined, signal?: AbortSignal) {
  return request<TracePage>("GET", "/api/traces", {
    query: { ...filtersToQuery(filters), limit: PAGE_SIZE, cursor },
    signal,
  });
}

export function getTrace(id: string, signal?: AbortSignal) {
  return request<TraceRead>("GET", `/api/traces/${encodeURIComponent(id)}`, { signal });
}

export function getTraceStats(filters: TraceFilters, signal?: AbortSignal) {
  return request<TraceStats>("GET", "/api/traces/stats", { query: filtersToQuery(filters), signal });
}

export function compareTraces(a: string, b: string, signal?: AbortSignal) {
  return request<TraceCompare>("GET", "/api/traces/compare", { query: { a, b }, signal });
}

export interface ImportInput {
  file: File;
  mode: "all" | "partial";
  source?: string;
}

export function importTraces({ file, mode, source }: ImportInput) {
  const form = new FormData();
  form.append("file", file);
  return request<ImportResult>("POST", "/api/traces/import", { query: { mode, source }, form });
}

export function synthesizeTraces(body: SynthRequest) {
  return request<BatchResult>("POST", "/api/traces/synth", { json: body });
}

export function updateTraceTags(id: string, body: TagsUpdate) {
  return request<TraceRead>("PATCH", `/api/traces/${encodeURIComponent(id)}`, { json: body });
}

export function deleteTrace(id: string) {
  return request<void>("DELETE", `/api/traces/${encodeURIComponent(id)}`);
}
