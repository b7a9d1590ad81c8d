import { toProblem } from "../api/problem";
import { getToken } from "../api/token";

/** Why a panel has nothing to show. A 401 says what to do about the token (a blank panel, or a
 * bare "Unauthorized", left a user of a server with authentication on guessing); anything else
 * names the problem. */
export function Unavailable({ what, error }: { what: string; error: unknown }) {
  const problem = toProblem(error);
  if (problem.status === 401) {
    return (
      <p className="bad small" role="status">
        {getToken() === null
          ? "This server needs an API token. Paste one under “API token” in the sidebar."
          : "This server refused the API token set in this browser. Press “Forget” in the sidebar and paste a valid one."}{" "}
        <span className="muted">
          Whoever runs the server makes one with <code>tunix-rt tokens create --scope read</code>.
        </span>
      </p>
    );
  }
  return (
    <p className="bad small">
      {what} unavailable: {problem.detail ?? problem.title}
    </p>
  );
}
