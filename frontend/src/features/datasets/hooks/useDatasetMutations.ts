// Dataset mutations; each invalidates the datasets resource only (datasetKeys.all).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { buildDataset, deleteDataset } from "../api/datasetApi";
import { datasetKeys } from "../api/datasetQueries";

/** Build a dataset. Its errors (422 per field, an empty selection) are shown by the form. */
export function useBuildDataset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: buildDataset,
    onSuccess: (dataset) => {
      queryClient.setQueryData(datasetKeys.detail(dataset.key), dataset);
      return queryClient.invalidateQueries({ queryKey: datasetKeys.lists() });
    },
    meta: { inlineErrors: true },
  });
}

export function useDeleteDataset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDataset,
    onSuccess: (_data, key) => {
      queryClient.removeQueries({ queryKey: datasetKeys.detail(key) });
      return queryClient.invalidateQueries({ queryKey: datasetKeys.all });
    },
  });
}
