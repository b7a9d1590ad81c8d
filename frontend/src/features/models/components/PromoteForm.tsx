import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { NAME_PATTERN } from "../api/modelApi";
import { usePromoteRun } from "../hooks/useModelMutations";

/** Promote a succeeded training run's model into a version of a registered model. */
export function PromoteForm({ runId, suggestion }: { runId: string; suggestion: string }) {
  const promote = usePromoteRun();
  const [name, setName] = useState(suggestion);
  const [description, setDescription] = useState("");
  const valid = NAME_PATTERN.test(name.trim());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    promote.mutate({ name: name.trim(), body: { run_id: runId, description } });
  }

  const result = promote.data;
  return (
    <form onSubmit={onSubmit} aria-label="Promote to the registry">
      <div className="form-grid">
        <label>
          <span>Model name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={(name !== "" && !valid) || undefined} aria-describedby="promote-name-help" />
          <span className="muted small" id="promote-name-help">lowercase letters, digits, . _ -</span>
        </label>
        <label className="wide">
          <span>Notes</span>
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="what changed in this version" />
        </label>
      </div>
      <p>
        <button type="submit" disabled={!valid || promote.isPending}>
          {promote.isPending ? "Promoting…" : "Promote"}
        </button>
      </p>
      {promote.isError && (
        <div className="form-error" role="alert">
          <ProblemView problem={toProblem(promote.error)} />
        </div>
      )}
      {result && (
        <p className="result" role="status">
          {result.created ? "Promoted as" : "Already registered as"}{" "}
          <Link to={`/models/${encodeURIComponent(result.model)}?version=${encodeURIComponent(result.label)}`}>
            {result.model} {result.label}
          </Link>{" "}
          ({result.format}).
        </p>
      )}
    </form>
  );
}
