import { Link, useNavigate } from "react-router-dom";
import type { RunRead } from "../../../api/types";
import { isActive } from "../api/runFilters";
import { useCancelRun, useDeleteRun, useResumeRun, useRetryRun } from "../hooks/useRunMutations";

/** Cancel (queued or running), retry (failed or cancelled: a new run with the same config), resume
 * (the same, continuing from the run's last checkpoint: enabled when the server says `resumable`),
 * delete (finished); a succeeded training run links to a self-improvement loop starting from it. */
export function RunActions({ run, compact = false }: { run: RunRead; compact?: boolean }) {
  const cancel = useCancelRun();
  const retry = useRetryRun();
  const resume = useResumeRun();
  const remove = useDeleteRun();
  const navigate = useNavigate();
  const name = compact ? ` run ${run.id.slice(0, 8)}` : "";
  return (
    <div className="row actions">
      {(run.status === "queued" || run.status === "running") && (
        <button type="button" className="secondary" aria-label={`Cancel${name}`} disabled={cancel.isPending} onClick={() => cancel.mutate(run.id)}>
          Cancel
        </button>
      )}
      {(run.status === "failed" || run.status === "cancelled") && (
        <button
          type="button"
          aria-label={`Retry${name}`}
          disabled={retry.isPending}
          onClick={() => retry.mutate(run.id, { onSuccess: (next) => !compact && navigate(`/runs/${(next as RunRead).id}`) })}
        >
          Retry
        </button>
      )}
      {(run.status === "failed" || run.status === "cancelled") && (
        <button
          type="button"
          className="secondary"
          aria-label={`Resume${name}`}
          title={run.resumable ? `Continue from ${run.last_checkpoint}` : "Needs a checkpoint, recorded by a kind that can resume (train)"}
          disabled={!run.resumable || resume.isPending}
          onClick={() => resume.mutate(run.id, { onSuccess: (next) => !compact && navigate(`/runs/${(next as RunRead).id}`) })}
        >
          Resume
        </button>
      )}
      {!compact && run.kind === "train" && run.status === "succeeded" && (
        <Link className="button secondary" to={`/loops/new?start=${run.id}`}>
          Self-improve from this run
        </Link>
      )}
      {!isActive(run.status) && (
        <button
          type="button"
          className="danger"
          aria-label={`Delete${name}`}
          disabled={remove.isPending}
          onClick={() => {
            if (!window.confirm("Delete this run, its logs, metrics and files?")) return;
            remove.mutate(run.id, { onSuccess: () => !compact && navigate("/runs") });
          }}
        >
          Delete
        </button>
      )}
    </div>
  );
}
