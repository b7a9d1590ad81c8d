// Sweep mutations. Creating or cancelling changes the sweep's run too, so they invalidate the
// sweeps and the runs resources; promoting adds a model version, so it invalidates the models.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SweepPromote } from "../../../api/types";
import { modelKeys } from "../../models/api/modelQueries";
import { runKeys } from "../../runs/api/runQueries";
import { cancelSweep, createSweep, promoteBest } from "../api/sweepApi";
import { sweepKeys } from "../api/sweepQueries";

/** Queue a sweep. Its 422 errors are shown by the form, next to the config paths they name. */
export function useCreateSweep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSweep,
    onSuccess: async (sweep) => {
      queryClient.setQueryData(sweepKeys.detail(sweep.run.id), sweep);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sweepKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
      ]);
    },
    meta: { inlineErrors: true },
  });
}

export function useCancelSweep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelSweep,
    onSuccess: async (sweep) => {
      queryClient.setQueryData(sweepKeys.detail(sweep.run.id), sweep);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sweepKeys.all }),
        queryClient.invalidateQueries({ queryKey: runKeys.all }),
      ]);
    },
  });
}

/** Register the best trial's model in one step; the form shows its errors (409: no trial succeeded). */
export function usePromoteBest(sweepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SweepPromote) => promoteBest(sweepId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
    meta: { inlineErrors: true },
  });
}
