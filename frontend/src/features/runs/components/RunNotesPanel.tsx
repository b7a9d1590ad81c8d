import { useState, type FormEvent } from "react";
import { toProblem } from "../../../api/problem";
import type { RunRead } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";
import { useEditRun } from "../hooks/useRunMutations";

/** A run's name and notes, shown, and edited in place (PATCH /api/runs/{id}) in any status:
 * they describe the run and change nothing it does. An empty field clears it. */
export function RunNotesPanel({ run }: { run: Pick<RunRead, "id" | "name" | "notes"> }) {
  const edit = useEditRun(run.id);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name ?? "");
  const [notes, setNotes] = useState(run.notes ?? "");

  function start() {
    setName(run.name ?? "");
    setNotes(run.notes ?? "");
    edit.reset();
    setEditing(true);
  }

  function save(event: FormEvent) {
    event.preventDefault();
    edit.mutate({ name: name.trim() || null, notes: notes.trim() ? notes : null }, { onSuccess: () => setEditing(false) });
  }

  if (!editing) {
    return (
      <div className="run-notes-panel">
        <dl className="facts compact">
          <div className="fact"><dt>name</dt><dd>{run.name ?? <span className="muted">none</span>}</dd></div>
          <div className="fact"><dt>notes</dt><dd className="run-notes">{run.notes ?? <span className="muted">none</span>}</dd></div>
        </dl>
        <button type="button" className="secondary" onClick={start}>
          Edit name and notes
        </button>
      </div>
    );
  }
  return (
    <form className="run-notes-panel" onSubmit={save} aria-label="Name and notes">
      <label>
        Name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="lr 3e-4 baseline" />
      </label>
      <label>
        Notes
        <textarea value={notes} rows={4} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {edit.isError && <ProblemView problem={toProblem(edit.error)} />}
      <div className="row">
        <button type="submit" disabled={edit.isPending}>
          {edit.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
