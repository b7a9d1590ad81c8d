import type { RunRead } from "../../../api/types";
import { RunStatusBadge } from "./RunStatusBadge";

/** A run's status table cell: the badge, and the start of its error (whole on hover) when it failed. */
export function RunStatusCell({ run }: { run: Pick<RunRead, "status" | "error"> }) {
  return (
    <td>
      <RunStatusBadge status={run.status} />
      {run.error && <div className="small bad" title={run.error}>{run.error.slice(0, 60)}</div>}
    </td>
  );
}
