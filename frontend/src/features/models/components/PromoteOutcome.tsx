import { Link } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { PromoteResult } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";

/** What a promotion answered, under whichever form sent it (a run's, or a sweep's "promote best"):
 * the problem, or a link to the version it registered — or found already registered, since
 * promoting the same model twice is not an error. */
export function PromoteOutcome({ error, result, createdText }: { error: Error | null; result: PromoteResult | undefined; createdText: string }) {
  return (
    <>
      {error && (
        <div className="form-error" role="alert">
          <ProblemView problem={toProblem(error)} />
        </div>
      )}
      {result && (
        <p className="result" role="status">
          {result.created ? createdText : "Already registered as"}{" "}
          <Link to={`/models/${encodeURIComponent(result.model)}?version=${encodeURIComponent(result.label)}`}>
            {result.model} {result.label}
          </Link>{" "}
          ({result.format}).
        </p>
      )}
    </>
  );
}
