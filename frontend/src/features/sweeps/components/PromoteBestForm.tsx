import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { TrialRead } from "../../../api/types";
import { NAME_PATTERN } from "../../models/api/modelApi";
import { ModelNameField } from "../../models/components/ModelNameField";
import { PromoteOutcome } from "../../models/components/PromoteOutcome";
import { formatParam } from "../api/trials";
import { usePromoteBest } from "../hooks/useSweepMutations";

/** "Promote best": register the best trial's trained model as a version of a model in one step.
 * Disabled until a trial has succeeded (the server answers 409 before that). */
export function PromoteBestForm({ sweepId, best, suggestion }: { sweepId: string; best: TrialRead | null; suggestion: string }) {
  const promote = usePromoteBest(sweepId);
  const [name, setName] = useState(suggestion);
  const [version, setVersion] = useState("");
  const [description, setDescription] = useState("");
  const valid = NAME_PATTERN.test(name.trim()) && (version.trim() === "" || NAME_PATTERN.test(version.trim()));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    promote.mutate({ model: name.trim(), version: version.trim() || undefined, description });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Promote the best trial">
      <p className="small">
        {best ? (
          <>
            Best trial <code>{best.trial_id}</code> (objective {best.objective === null ? "–" : formatParam(best.objective)})
            {best.train_run_id && (
              <>
                , trained by <Link to={`/runs/${best.train_run_id}`}>run {best.train_run_id.slice(0, 8)}</Link>
              </>
            )}
            .
          </>
        ) : (
          <span className="muted" id="promote-best-why">No trial has succeeded yet: there is no best model to promote.</span>
        )}
      </p>
      <div className="form-grid">
        <ModelNameField value={name} onChange={setName} helpId="promote-best-help" />
        <label>
          <span>Version label</span>
          <input value={version} onChange={(e) => setVersion(e.target.value)} placeholder="next vN" />
        </label>
        <label className="wide">
          <span>Notes</span>
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="by default: the trial and its score" />
        </label>
      </div>
      <p>
        <button type="submit" disabled={!best || !valid || promote.isPending} aria-describedby={best ? undefined : "promote-best-why"}>
          {promote.isPending ? "Promoting…" : "Promote best"}
        </button>
      </p>
      <PromoteOutcome error={promote.error} result={promote.data} createdText="Registered as" />
    </form>
  );
}
