// The dataset routes, typed by the generated OpenAPI schema.
import { buildUrl, request } from "../../../api/client";
import type {
  DatasetCreate,
  DatasetDiff,
  DatasetPage,
  DatasetRead,
  QueryCount,
  TraceQuery,
} from "../../../api/types";

export const PAGE_SIZE = 50;

export const EXPORT_FORMATS = ["trace", "messages", "prompt_completion", "tunix_sft", "training_example"] as const;
export const EXPORT_SPLITS = ["train", "eval", "all"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportSplit = (typeof EXPORT_SPLITS)[number];
export type ExportOutput = "jsonl" | "parquet";

function path(key: string): string {
  return `/api/datasets/${encodeURIComponent(key)}`;
}

export function listDatasets(cursor: string | undefined, signal?: AbortSignal) {
  return request<DatasetPage>("GET", "/api/datasets", { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getDataset(key: string, signal?: AbortSignal) {
  return request<DatasetRead>("GET", path(key), { signal });
}

export function buildDataset(body: DatasetCreate) {
  return request<DatasetRead>("POST", "/api/datasets", { json: body });
}

export function deleteDataset(key: string) {
  return request<void>("DELETE", path(key));
}

export function diffDatasets(a: string, b: string, signal?: AbortSignal) {
  return request<DatasetDiff>("GET", "/api/datasets/diff", { query: { a, b }, signal });
}

/** POST /api/datasets/count: how many traces a build query matches (nothing is stored). */
export function countQuery(query: TraceQuery, signal?: AbortSignal) {
  return request<QueryCount>("POST", "/api/datasets/count", { json: query, signal });
}

export function exportUrl(key: string, format: ExportFormat, split: ExportSplit, output: ExportOutput): string {
  return buildUrl(`${path(key)}/export`, { format, split, output });
}
