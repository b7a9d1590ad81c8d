import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { formatLoc, ProblemError, toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { configIssues, EXAMPLE_SWEEP, parseSweepYaml } from "../api/sweepConfig";
import { useCreateSweep } from "../hooks/useSweepMutations";

/** Queue a sweep from its YAML config (prefilled with a tiny-preset example); the YAML is parsed
 * before sending, and the server's 422 errors are listed by config path and line of the text. */
export function NewSweepPage() {
  useDocumentTitle("New sweep");
  const [text, setText] = useState(EXAMPLE_SWEEP);
  const [tags, setTags] = useState("");
  const [yamlError, setYamlError] = useState<string | null>(null);
  const create = useCreateSweep();
  const navigate = useNavigate();

  const problem = create.error instanceof ProblemError ? create.error.problem : null;
  // The errors are placed on the text that was sent, not on later edits.
  const [sent, setSent] = useState(text);
  const issues = problem ? configIssues(problem.errors ?? [], sent) : [];
  const others = (problem?.errors ?? []).filter((error) => error.loc?.[0] !== "body" || error.loc?.[1] !== "config");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseSweepYaml(text);
    if ("error" in parsed) {
      setYamlError(parsed.error);
      return;
    }
    setYamlError(null);
    setSent(text);
    const tagList = tags.split(",").map((tag) => tag.trim()).filter(Boolean);
    create.mutate({ config: parsed.config, tags: tagList }, { onSuccess: (sweep) => navigate(`/sweeps/${sweep.run.id}`) });
  }

  const invalid = Boolean(yamlError) || issues.length > 0;
  return (
    <section>
      <div className="page-head">
        <h1>New sweep</h1>
        <Link to="/sweeps">All sweeps</Link>
      </div>
      <p className="muted small">
        A base training config, the space searched over its dotted keys, the objective (a scorecard metric of each trial's evaluation), the
        search and scheduler, and the budget. Each trial is a training run and an evaluation of it.
      </p>
      <form onSubmit={onSubmit} aria-label="New sweep" noValidate>
        <div className="panel">
          <label className="yaml-editor">
            <span>Sweep config (YAML)</span>
            <textarea
              rows={26}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? "sweep-config-errors" : undefined}
            />
          </label>
          <div className="row">
            <label className="yaml-editor">
              <span>
                Tags <span className="muted small">(comma-separated)</span>
              </span>
              <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="lr-search" />
            </label>
            <button type="button" className="secondary" onClick={() => setText(EXAMPLE_SWEEP)}>
              Reset to the example
            </button>
          </div>
          <div id="sweep-config-errors">
            {yamlError && (
              <p className="field-error" role="alert">
                YAML: {yamlError}
              </p>
            )}
            {issues.length > 0 && (
              <ul className="field-error" aria-label="Config problems">
                {issues.map((issue, index) => (
                  <li key={index}>
                    {issue.line !== null && <span className="problem-where">line {issue.line}</span>}{" "}
                    <code>{issue.path.length > 0 ? formatLoc(issue.path) : "config"}</code> {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        {create.isError && (
          <div className="form-error" role="alert">
            <ProblemView problem={{ ...toProblem(create.error), errors: others }} />
          </div>
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Submitting…" : "Start sweep"}
        </button>
      </form>
    </section>
  );
}
