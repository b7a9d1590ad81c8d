// The leaderboard's filters live in the URL (?evalset=&dataset=&model=&since=), so a filtered
// leaderboard is a link. `since` is a date (YYYY-MM-DD) in the URL, sent as UTC midnight.
import type { LeaderboardQuery } from "../../../api/types";

export type LeaderboardFilters = Pick<LeaderboardQuery, "evalset" | "dataset" | "model" | "since">;
export const FILTER_KEYS = ["evalset", "dataset", "model", "since"] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function normalizeLeaderboardFilters(filters: LeaderboardFilters): LeaderboardFilters {
  const out: LeaderboardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (!value) continue;
    if (key === "since") {
      if (DATE.test(value)) out.since = value;
    } else out[key] = value;
  }
  return out;
}

/** What the API gets: the date as an aware timestamp (the server refuses naive ones). */
export function toApiFilters(filters: LeaderboardFilters): LeaderboardFilters {
  const out = normalizeLeaderboardFilters(filters);
  return out.since ? { ...out, since: `${out.since}T00:00:00Z` } : out;
}

export function leaderboardFiltersFromSearch(params: URLSearchParams): LeaderboardFilters {
  return normalizeLeaderboardFilters(Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ""])));
}

export function leaderboardFiltersToSearch(filters: LeaderboardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(normalizeLeaderboardFilters(filters))) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
