// The registry routes (/api/models), typed by the generated OpenAPI schema.
import { request } from "../../../api/client";
import type { AliasRead, ModelPage, ModelRead, PromoteResult, VersionCreate, VersionDetail, VersionList } from "../../../api/types";

export const PAGE_SIZE = 50;

export function modelPath(name: string): string {
  return `/api/models/${encodeURIComponent(name)}`;
}

export function listModels(cursor: string | undefined, signal?: AbortSignal) {
  return request<ModelPage>("GET", "/api/models", { query: { limit: PAGE_SIZE, cursor }, signal });
}

export function getModel(name: string, signal?: AbortSignal) {
  return request<ModelRead>("GET", modelPath(name), { signal });
}

export function listVersions(name: string, signal?: AbortSignal) {
  return request<VersionList>("GET", `${modelPath(name)}/versions`, { signal });
}

export function getVersion(name: string, ref: string, signal?: AbortSignal) {
  return request<VersionDetail>("GET", `${modelPath(name)}/versions/${encodeURIComponent(ref)}`, { signal });
}

export function promoteRun(name: string, body: VersionCreate) {
  return request<PromoteResult>("POST", `${modelPath(name)}/versions`, { json: body });
}

export function setAlias(name: string, alias: string, version: string) {
  return request<AliasRead>("PUT", `${modelPath(name)}/aliases/${encodeURIComponent(alias)}`, { json: { version } });
}

export function deleteAlias(name: string, alias: string) {
  return request<void>("DELETE", `${modelPath(name)}/aliases/${encodeURIComponent(alias)}`);
}

/** Model names, labels and aliases: lowercase, digits, '.', '_', '-'; at most 64 (registry/schema.py). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The model name the promote forms suggest for what a run trained: its dataset's name and its
 * method (arith@v1 + sft -> "arith-sft"), so promotions of runs on the same data become versions
 * of one model; the base preset's name (tiny-llama) would say nothing about it. Made a valid
 * registry name; `fallback` when there is no dataset. */
export function suggestModelName(datasetKey: string | null | undefined, method: unknown, fallback: string): string {
  const dataset = datasetKey?.split("@")[0];
  const raw = dataset ? [dataset, typeof method === "string" ? method : "sft"].join("-") : fallback;
  return raw.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 64);
}
