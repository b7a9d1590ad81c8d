import { useState, type FormEvent } from "react";
import { NAME_PATTERN } from "../api/modelApi";
import { usePromoteRun } from "../hooks/useModelMutations";
import { ModelNameField } from "./ModelNameField";
import { PromoteOutcome } from "./PromoteOutcome";

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

  return (
    <form onSubmit={onSubmit} aria-label="Promote to the registry">
      <div className="form-grid">
        <ModelNameField value={name} onChange={setName} helpId="promote-name-help" />
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
      <PromoteOutcome error={promote.error} result={promote.data} createdText="Promoted as" />
    </form>
  );
}
