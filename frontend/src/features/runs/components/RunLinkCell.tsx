import { Link } from "react-router-dom";
import type { RunRead } from "../../../api/types";

/** A run's table cell: its short id linking to the page that shows it (a run's or a sweep's), then its tags. */
export function RunLinkCell({ run, to }: { run: Pick<RunRead, "id" | "tags">; to: string }) {
  return (
    <td>
      <Link to={to}>
        <code>{run.id.slice(0, 8)}</code>
      </Link>
      {run.tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
    </td>
  );
}
