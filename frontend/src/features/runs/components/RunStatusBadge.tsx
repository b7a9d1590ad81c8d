import type { RunStatus } from "../../../api/types";

const TONE: Record<RunStatus, string> = {
  queued: "",
  running: "live",
  cancel_requested: "live",
  succeeded: "ok",
  failed: "bad",
  cancelled: "off",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge ${TONE[status]}`.trim()} data-testid="run-status">{status.replace("_", " ")}</span>;
}
