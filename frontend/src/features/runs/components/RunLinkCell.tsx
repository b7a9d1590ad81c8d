import { Link } from "react-router-dom";
import type { RunRead } from "../../../api/types";

/** A run's table cell: its short id linking to the page that shows it (a run's or a sweep's), then its tags on one line (cut with an ellipsis, all of them in its title). */
export function RunLinkCell({ run, to }: { run: Pick<RunRead, "id" | "tags">; to: string }) {
  return (
    <td>
      <Link to={to}>
        <code>{run.id.slice(0, 8)}</code>
      </Link>
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
