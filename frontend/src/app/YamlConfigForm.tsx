import { useState, type FormEvent } from "react";
import { formatLoc, ProblemError, toProblem } from "../api/problem";
import type { ConfigJson } from "./yamlConfig";
import { configIssues, parseConfigYaml } from "./yamlConfig";
import { ProblemView } from "./ProblemView";

/** What a YAML config form submits, and the state of that submission (a TanStack mutation's). */
export interface ConfigSubmission {
  submit: (config: ConfigJson, tags: string[]) => void;
  isPending: boolean;
  error: Error | null;
}

/** A config edited as YAML (prefilled with an example) and tags, parsed before sending; the
 * server's 422 errors are listed by config path and line of the text that was sent. The new
 * sweep, loop and sample-run pages are this form with their own example and request. */
export function YamlConfigForm({
  what,
  example,
  submitLabel,
  tagsPlaceholder,
  rows,
  submission,
}: {
  /** The config's name, e.g. "Sweep config": the editor's label and the form's. */
  what: string;
  example: string;
  submitLabel: string;
  tagsPlaceholder: string;
  rows: number;
  submission: ConfigSubmission;
}) {
  const [text, setText] = useState(example);
  const [tags, setTags] = useState("");
  const [yamlError, setYamlError] = useState<string | null>(null);
  const problem = submission.error instanceof ProblemError ? submission.error.problem : null;
  // The errors are placed on the text that was sent, not on later edits.
  const [sent, setSent] = useState(text);
  const issues = problem ? configIssues(problem.errors ?? [], sent) : [];
  const others = (problem?.errors ?? []).filter((error) => error.loc?.[0] !== "body" || error.loc?.[1] !== "config");
  const errorsId = `${what.toLowerCase().replaceAll(" ", "-")}-errors`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseConfigYaml(text, what.toLowerCase());
    if ("error" in parsed) {
      setYamlError(parsed.error);
      return;
    }
    setYamlError(null);
    setSent(text);
    submission.submit(parsed.config, tags.split(",").map((tag) => tag.trim()).filter(Boolean));
  }

  const invalid = Boolean(yamlError) || issues.length > 0;
  return (
    <form onSubmit={onSubmit} aria-label={what} noValidate>
      <div className="panel">
        <label className="yaml-editor">
          <span>{what} (YAML)</span>
          <textarea
            rows={rows}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorsId : undefined}
          />
        </label>
        <div className="row">
          <label className="yaml-editor">
            <span>
              Tags <span className="muted small">(comma-separated)</span>
            </span>
            <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder={tagsPlaceholder} />
          </label>
          <button type="button" className="secondary" onClick={() => setText(example)}>
            Reset to the example
          </button>
        </div>
        <div id={errorsId}>
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
      {submission.error && (
        <div className="form-error" role="alert">
          <ProblemView problem={{ ...toProblem(submission.error), errors: others }} />
        </div>
      )}
      <button type="submit" disabled={submission.isPending}>
        {submission.isPending ? "Submitting…" : submitLabel}
      </button>
    </form>
  );
}
