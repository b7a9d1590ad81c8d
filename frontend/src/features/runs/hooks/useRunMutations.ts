// Run mutations; each invalidates the runs resource only (runKeys.all).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RunUpdate } from "../../../api/types";
import { cancelRun, deleteRun, editRun, resumeRun, retryRun, submitRun } from "../api/runApi";
import { runKeys } from "../api/runQueries";

/** Submit a run. Its 422 errors are shown next to the fields by the form. */
export function useSubmitRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitRun,
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
    meta: { inlineErrors: true },
  });
}

/** Rename a run or edit its notes. Its 422 errors are shown next to the fields by the form. */
export function useEditRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RunUpdate) => editRun(id, body),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(id), run);
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
    meta: { inlineErrors: true },
  });
}

function useRunAction(action: (id: string) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export const useCancelRun = () => useRunAction(cancelRun);
export const useRetryRun = () => useRunAction(retryRun);
export const useResumeRun = () => useRunAction(resumeRun);

export function useDeleteRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRun,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: runKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
  });
}
