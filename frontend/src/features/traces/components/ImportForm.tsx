import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ProblemError, toProblem, type FieldError } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useImportTraces } from "../hooks/useTraceMutations";
import { ImportErrorTable } from "./ImportErrorTable";

/** Upload a JSONL file (POST /api/traces/import) and show what happened, line by line. */
export function ImportForm() {
  const upload = useImportTraces();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<"all" | "partial">("all");
  const [source, setSource] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate({ file, mode, source: source.trim() || undefined });
  }

  const result = upload.data;
  const problem = upload.error ? toProblem(upload.error) : null;
  const problemErrors: FieldError[] =
    upload.error instanceof ProblemError ? (upload.error.problem.errors ?? []) : [];
  return (
    <div className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Upload JSONL</h2>
      <form onSubmit={submit} className="stack">
        <label>
          File (one trace per line)
          <input
            type="file"
            accept=".jsonl,.ndjson,.json,application/x-ndjson"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <fieldset>
          <legend>If a line is invalid</legend>
          <label className="inline">
            <input type="radio" name="mode" checked={mode === "all"} onChange={() => setMode("all")} /> store nothing
          </label>
          <label className="inline">
            <input type="radio" name="mode" checked={mode === "partial"} onChange={() => setMode("partial")} /> store
            the valid lines
          </label>
        </fieldset>
        <label>
          <span>
            Source <span className="muted">(optional, default “import”)</span>
          </span>
          <input value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        <button type="submit" disabled={!file || upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload"}
        </button>
      </form>
      {result && (
        <div className="result" role="status">
          <p>
            {result.lines} lines: <strong>{result.created} created</strong>, {result.duplicates} duplicates,{" "}
            <span className={result.invalid ? "bad" : undefined}>{result.invalid} invalid</span>
            {result.committed ? "" : " — nothing was stored"}. {result.created > 0 && <Link to="/traces">See the traces</Link>}
          </p>
          {result.errors.length > 0 && <ImportErrorTable errors={result.errors as FieldError[]} />}
        </div>
      )}
      {problem && (
        <div className="result error" role="alert">
          <ProblemView problem={{ ...problem, errors: undefined }} />
          {problemErrors.length > 0 && <ImportErrorTable errors={problemErrors} />}
        </div>
      )}
    </div>
  );
}
