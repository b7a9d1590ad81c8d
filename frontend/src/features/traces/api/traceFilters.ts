// Trace list filters: one shape for the URL (so a filtered list survives a reload and can be
// linked to) and for the API query (GET /api/traces and /api/traces/stats).
import type { QueryValue } from "../../../api/client";
import type { TraceListQuery } from "../../../api/types";

export interface TraceFilters {
  source?: string;
  tag?: string;
  q?: string;
  quality?: "ok" | "flagged";
  flag?: string;
  /** meta.KEY=VALUE pairs, matched exactly. */
  meta?: Record<string, string>;
}

const PLAIN_KEYS = ["source", "tag", "q", "flag"] as const;

/** Drops empty members so equal filters make equal query keys. */
export function normalizeFilters(filters: TraceFilters): TraceFilters {
  const out: TraceFilters = {};
  for (const key of PLAIN_KEYS) {
    const value = filters[key]?.trim();
    if (value) out[key] = value;
  }
  if (filters.quality) out.quality = filters.quality;
  const meta = Object.entries(filters.meta ?? {}).filter(([key, value]) => key.trim() && value.trim());
  if (meta.length > 0) out.meta = Object.fromEntries(meta.map(([key, value]) => [key.trim(), value.trim()]));
  return out;
}

/** Query-string members for the API: documented filters plus `meta.KEY` pairs. */
export function filtersToQuery(filters: TraceFilters): Record<string, QueryValue> {
  const clean = normalizeFilters(filters);
  const query: Partial<TraceListQuery> & Record<string, QueryValue> = {
    source: clean.source,
    tag: clean.tag,
    q: clean.q,
    quality: clean.quality,
    flag: clean.flag,
  };
  for (const [key, value] of Object.entries(clean.meta ?? {})) query[`meta.${key}`] = value;
  return query;
}

export function filtersFromSearch(params: URLSearchParams): TraceFilters {
  const meta: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith("meta.") && key.length > 5) meta[key.slice(5)] = value;
  }
  const quality = params.get("quality");
  return normalizeFilters({
    source: params.get("source") ?? undefined,
    tag: params.get("tag") ?? undefined,
    q: params.get("q") ?? undefined,
    flag: params.get("flag") ?? undefined,
    quality: quality === "ok" || quality === "flagged" ? quality : undefined,
    meta,
  });
}

export function filtersToSearch(filters: TraceFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filtersToQuery(filters))) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** "category=reasoning, difficulty=easy" <-> {category: "reasoning", difficulty: "easy"} (the filter form's text). */
export function parseMeta(text: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const part of text.split(",")) {
    const at = part.indexOf("=");
    const key = part.slice(0, Math.max(at, 0)).trim();
    if (key) meta[key] = part.slice(at + 1).trim();
  }
  return meta;
}

export function formatMeta(meta: Record<string, string> | undefined): string {
  return Object.entries(meta ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
}
