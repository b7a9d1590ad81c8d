// Creating a loop queues a run of kind "loop", so it invalidates the loops and the runs resources.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runKeys } from "../../runs/api/runQueries";
import { createLoop } from "../api/loopApi";
import { loopKeys } from "../api/loopQueries";

/** Queue a loop. Its 422 errors are shown by the form, next to the config paths they name. */
export function useCreateLoop() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLoop,
    onSuccess: async (loop) => {
      queryClient.setQueryData(loopKeys.detail(loop.run.id), loop);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: loopKeys.all }),
        queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
      ]);
    },
    meta: { inlineErrors: true },
  });
}
