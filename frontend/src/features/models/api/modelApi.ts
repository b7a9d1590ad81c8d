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
