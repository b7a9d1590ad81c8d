// Trace mutations; each invalidates the traces resource only (traceKeys.all), never the whole cache.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TagsUpdate } from "../../../api/types";
import { deleteTrace, importTraces, synthesizeTraces, updateTraceTags } from "../api/traceApi";
import { traceKeys } from "../api/traceQueries";

function useInvalidateTraces() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: traceKeys.all });
}

/** JSONL upload. Its errors (per-line reports) are shown by the form itself. */
export function useImportTraces() {
  const invalidate = useInvalidateTraces();
  return useMutation({ mutationFn: importTraces, onSuccess: invalidate, meta: { inlineErrors: true } });
}

export function useSynthesizeTraces() {
  const invalidate = useInvalidateTraces();
  return useMutation({ mutationFn: synthesizeTraces, onSuccess: invalidate });
}

export function useUpdateTraceTags(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTraces();
  return useMutation({
    mutationFn: (body: TagsUpdate) => updateTraceTags(id, body),
    onSuccess: (trace) => {
      queryClient.setQueryData(traceKeys.detail(id), trace);
      return invalidate();
    },
  });
}

export function useDeleteTrace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTrace,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: traceKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: traceKeys.all });
    },
  });
}
