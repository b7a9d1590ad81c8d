import type { ReactNode } from "react";
import type { RunRead } from "../../../api/types";
import { shortId } from "../api/runLabel";
import { RunStatusBadge } from "./RunStatusBadge";

/** The head of a page about one run (the run's own page, or a sweep's, which is a run too):
 * "<title> <short id> <name> <status>", the page's links and actions beside it, and the run's
 * error under it when it has one. */
export function RunPageHead({ title, run, children }: { title: string; run: Pick<RunRead, "id" | "status" | "error"> & { name?: string | null }; children: ReactNode }) {
  return (
    <>
      <div className="page-head">
        <h1>
          {title} <code>{shortId(run.id)}</code> {run.name && <span className="run-name">{run.name}</span>} <RunStatusBadge status={run.status} />
        </h1>
        <div className="row">{children}</div>
      </div>
      {run.error && (
        <div className="form-error">
          <strong>Error:</strong> {run.error}
        </div>
      )}
    </>
  );
}
