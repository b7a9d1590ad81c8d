import { formatLoc, type Problem } from "../api/problem";

interface Props {
  problem: Problem;
  /** How many field errors to list before summarising the rest. */
  maxErrors?: number;
}

/** A problem document, readable: title and status, detail, and the field errors with their paths. */
export function ProblemView({ problem, maxErrors = 20 }: Props) {
  const errors = problem.errors ?? [];
  const shown = errors.slice(0, maxErrors);
  return (
    <div className="problem">
      <div className="problem-title">
        {problem.title}
        {problem.status > 0 && <span className="problem-status"> ({problem.status})</span>}
      </div>
      {problem.detail && <div className="problem-detail">{problem.detail}</div>}
      {shown.length > 0 && (
        <ul className="problem-errors">
          {shown.map((error, index) => (
            <li key={index}>
              {error.line !== undefined && <span className="problem-where">line {error.line}</span>}
              {error.index !== undefined && <span className="problem-where">item {error.index}</span>}
              {formatLoc(error.loc) && <code>{formatLoc(error.loc)}</code>} {error.msg}
            </li>
          ))}
        </ul>
      )}
      {errors.length > shown.length && <div className="muted">…and {errors.length - shown.length} more</div>}
    </div>
  );
}
