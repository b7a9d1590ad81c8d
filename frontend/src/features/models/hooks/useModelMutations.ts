// Registry mutations; each invalidates the models resource only (modelKeys.all).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { VersionCreate } from "../../../api/types";
import { deleteAlias, promoteRun, setAlias } from "../api/modelApi";
import { modelKeys } from "../api/modelQueries";

/** Promote a run into a version of a model (created on first promotion); errors shown by the form. */
export function usePromoteRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: VersionCreate }) => promoteRun(name, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
    meta: { inlineErrors: true },
  });
}

export function useSetAlias(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alias, version }: { alias: string; version: string }) => setAlias(name, alias, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
    meta: { inlineErrors: true },
  });
}

export function useDeleteAlias(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alias: string) => deleteAlias(name, alias),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
