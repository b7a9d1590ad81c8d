// The eval-set routes (GET /api/evalsets, /api/evalsets/{key}, /api/evalsets/{key}/items), typed
// by the generated OpenAPI schema; the items come as canonical JSONL, so their type is written
// here from src/tunix_rt/datasets/evalsets.py `EvalItem`.
import { request } from "../../../api/client";
import type { DatasetPage, DatasetRead } from "../../../api/types";

export const PAGE_SIZE = 50;

/** One evaluation item: a prompt and the answer a correct model gives. */
export interface EvalItem {
  id: string;
  prompt: string;
  expected_answer: string;
  section: string | null;
  category: string | null;
  difficulty: string | null;
  meta: Record<string, unknown>;
}

const path = (key: string) => `/api/evalsets/${encodeURIComponent(key)}`;

export function listEvalsetPage(cursor: string | undefined, signal?: AbortSignal) {
  return request<DatasetPage>("GET", "/api/evalsets", { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getEvalset(key: string, signal?: AbortSignal) {
  return request<DatasetRead>("GET", path(key), { signal });
}

/** The items, one JSON object per line of the answer. */
export async function getEvalsetItems(key: string, signal?: AbortSignal): Promise<EvalItem[]> {
  const text = await request<string>("GET", `${path(key)}/items`, { signal });
  return parseItems(text);
}

export function parseItems(text: string): EvalItem[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvalItem);
}
