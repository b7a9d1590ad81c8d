// Evaluation mutations. Submitting an eval run is a runs mutation (it invalidates the runs lists);
// baseline changes invalidate ["regression"]; a regression check reads only (nothing cached).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runKeys } from "../../runs/api/runQueries";
import { checkRegression, createBaseline, deleteBaseline, submitEvaluation, type EvalConfig } from "../api/evaluationApi";
import { regressionKeys } from "../api/evaluationQueries";

/** Submit an eval run; its 422 errors are shown by the form. */
export function useSubmitEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ config, tags }: { config: EvalConfig; tags?: string[] }) => submitEvaluation(config, tags),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
    meta: { inlineErrors: true },
  });
}

export function useCreateBaseline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBaseline,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: regressionKeys.all }),
    meta: { inlineErrors: true },
  });
}

export function useDeleteBaseline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBaseline,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: regressionKeys.all }),
  });
}

/** Pass or fail of a run against a baseline; the answer (or its problem) is shown in place. */
export function useRegressionCheck() {
  return useMutation({ mutationFn: checkRegression, meta: { inlineErrors: true } });
}
