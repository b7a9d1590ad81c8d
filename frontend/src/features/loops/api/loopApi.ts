// The loop routes (/api/loops), typed by the generated OpenAPI schema. A loop is also a run of
// kind "loop": its status, log and files are the runs feature's.
import { request } from "../../../api/client";
import type { LoopCreate, LoopPage, LoopRead } from "../../../api/types";

export const PAGE_SIZE = 50;

export function listLoops(cursor: string | undefined, signal?: AbortSignal) {
  return request<LoopPage>("GET", "/api/loops", { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getLoop(id: string, signal?: AbortSignal) {
  return request<LoopRead>("GET", `/api/loops/${encodeURIComponent(id)}`, { signal });
}

export function createLoop(body: LoopCreate) {
  return request<LoopRead>("POST", "/api/loops", { json: body });
}
