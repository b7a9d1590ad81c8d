// Run list filters, kept in the URL (and sent as the API's query members).
import type { RunListQuery, RunStatus } from "../../../api/types";

export const STATUSES: RunStatus[] = ["queued", "running", "cancel_requested", "succeeded", "failed", "cancelled"];
export const TERMINAL: RunStatus[] = ["succeeded", "failed", "cancelled"];

export type RunFilters = Pick<RunListQuery, "kind" | "status" | "dataset" | "model" | "tag">;
const KEYS = ["kind", "status", "dataset", "model", "tag"] as const;

export function normalizeRunFilters(filters: RunFilters): RunFilters {
  const out: RunFilters = {};
  for (const key of KEYS) {
    const value = filters[key]?.trim();
    if (!value) continue;
    if (key === "status") {
      if ((STATUSES as string[]).includes(value)) out.status = value as RunStatus;
    } else out[key] = value;
  }
  return out;
}

export function runFiltersFromSearch(params: URLSearchParams): RunFilters {
  return normalizeRunFilters(Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? ""])));
}

export function runFiltersToSearch(filters: RunFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(normalizeRunFilters(filters))) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export function isActive(status: RunStatus): boolean {
  return !TERMINAL.includes(status);
}
