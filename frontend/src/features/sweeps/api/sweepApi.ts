// The sweep routes (/api/sweeps), typed by the generated OpenAPI schema. A sweep is also a run
// of kind "sweep": its status, log and files are the runs feature's.
import { request } from "../../../api/client";
import type { PromoteResult, SweepCreate, SweepPage, SweepPromote, SweepRead } from "../../../api/types";

export const PAGE_SIZE = 50;

export function sweepPath(id: string): string {
  return `/api/sweeps/${encodeURIComponent(id)}`;
}

export function listSweeps(cursor: string | undefined, signal?: AbortSignal) {
  return request<SweepPage>("GET", "/api/sweeps", { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getSweep(id: string, signal?: AbortSignal) {
  return request<SweepRead>("GET", sweepPath(id), { signal });
}

export function createSweep(body: SweepCreate) {
  return request<SweepRead>("POST", "/api/sweeps", { json: body });
}

export function cancelSweep(id: string) {
  return request<SweepRead>("POST", `${sweepPath(id)}/cancel`);
}

export function promoteBest(id: string, body: SweepPromote) {
  return request<PromoteResult>("POST", `${sweepPath(id)}/promote`, { json: body });
}
