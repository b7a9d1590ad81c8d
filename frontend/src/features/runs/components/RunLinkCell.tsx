import { Link } from "react-router-dom";
import type { RunRead } from "../../../api/types";
import { shortId } from "../api/runLabel";

/** A run's table cell: its short id linking to the page that shows it (a run's or a sweep's),
 * its name when it has one, then its tags on one line (cut with an ellipsis, all of them in its title). */
export function RunLinkCell({ run, to }: { run: Pick<RunRead, "id" | "tags"> & { name?: string | null }; to: string }) {
  return (
    <td>
      <Link to={to}>
        <code>{shortId(run.id)}</code>
      </Link>
      {run.name && <span className="run-name">{run.name}</span>}
      {run.tags.length > 0 && (
        <div className="clip" title={run.tags.join(", ")} data-testid="run-tags">
          {run.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </div>
      )}
    </td>
  );
}
