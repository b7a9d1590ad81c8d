// Query options for the registry, keyed under ["models"]: a promotion or alias change invalidates
// these and nothing else.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getModel, getVersion, listModels, listVersions } from "./modelApi";

export const modelKeys = {
  all: ["models"] as const,
  lists: () => [...modelKeys.all, "list"] as const,
  list: (cursor: string | undefined) => [...modelKeys.lists(), { cursor: cursor ?? null }] as const,
  detail: (name: string) => [...modelKeys.all, "detail", name] as const,
  versions: (name: string) => [...modelKeys.all, "versions", name] as const,
  version: (name: string, ref: string) => [...modelKeys.all, "version", name, ref] as const,
};

export const modelQueries = {
  list: (cursor?: string) =>
    queryOptions({
      queryKey: modelKeys.list(cursor),
      queryFn: ({ signal }) => listModels(cursor, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (name: string) =>
    queryOptions({
      queryKey: modelKeys.detail(name),
      queryFn: ({ signal }) => getModel(name, signal),
      meta: { inlineErrors: true },
    }),
  versions: (name: string) =>
    queryOptions({
      queryKey: modelKeys.versions(name),
      queryFn: ({ signal }) => listVersions(name, signal),
    }),
  version: (name: string, ref: string) =>
    queryOptions({
      queryKey: modelKeys.version(name, ref),
      queryFn: ({ signal }) => getVersion(name, ref, signal),
    }),
};
