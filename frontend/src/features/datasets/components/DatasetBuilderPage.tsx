import { useQuery } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDebouncedValue } from "../../../hooks/useDebouncedValue";
import { traceQueries } from "../../traces/api/traceQueries";
import { emptyBuildForm, STRATEGIES, toTraceQuery, toDatasetCreate, type BuildForm } from "../api/buildForm";
import { datasetQueries } from "../api/datasetQueries";
import { useBuildDataset } from "../hooks/useDatasetMutations";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

type TextKey = { [K in keyof BuildForm]: BuildForm[K] extends string ? K : never }[keyof BuildForm];
type FlagKey = { [K in keyof BuildForm]: BuildForm[K] extends boolean ? K : never }[keyof BuildForm];

/** The live count of what the query selects (POST /api/datasets/count), before building. */
function LiveCount({ form }: { form: BuildForm }) {
  const query = useDebouncedValue(toTraceQuery(form), 300);
  const count = useQuery(datasetQueries.count(query));
  return (
    <div className="live-count" role="status" aria-live="polite">
      {count.isPending && <span className="muted">Counting…</span>}
      {count.isError && <ProblemView problem={toProblem(count.error)} maxErrors={3} />}
      {count.data && !count.isError && (
        <span className={count.isPlaceholderData ? "stale" : undefined}>
          <strong data-testid="live-count">{count.data.matched}</strong> trace{count.data.matched === 1 ? "" : "s"} match
          the query
          {form.limit.trim() ? `; the limit keeps at most ${form.limit.trim()}` : ""}
          <span className="muted"> (before dedupe)</span>
        </span>
      )}
    </div>
  );
}

/** Build a dataset version: query, strategy, limit, dedupe, split, template and transforms. */
export function DatasetBuilderPage() {
  useDocumentTitle("Build a dataset");
  const [form, setForm] = useState<BuildForm>(emptyBuildForm);
  const build = useBuildDataset();
  const navigate = useNavigate();
  const { data: stats } = useQuery(traceQueries.stats({}));

  const text = (key: TextKey) => ({
    value: form[key],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((current) => ({ ...current, [key]: event.target.value })),
  });
  const flag = (key: FlagKey) => ({
    checked: form[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setForm((current) => ({ ...current, [key]: event.target.checked })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    build.mutate(toDatasetCreate(form), {
      onSuccess: (dataset) => navigate(`/datasets/${encodeURIComponent(dataset.key)}`),
    });
  }

  const field = (label: ReactNode, input: ReactNode, hint?: string) => (
    <label>
      <span>
        {label}
        {hint && <span className="muted small"> {hint}</span>}
      </span>
      {input}
    </label>
  );

  return (
    <section>
      <h1>Build a dataset</h1>
      <form className="builder" onSubmit={submit} aria-label="Dataset builder">
        <fieldset>
          <legend>Dataset</legend>
          <div className="form-grid">
            {field("Name", <input required pattern="[a-z0-9][a-z0-9._\-]{0,63}" {...text("name")} placeholder="gsm-style" />, "(the key becomes name@vN)")}
            {field("Description", <input {...text("description")} placeholder="what it is for" />)}
          </div>
        </fieldset>
        <fieldset>
          <legend>Query: which traces</legend>
          <div className="form-grid">
            {field("Source", <input list="builder-sources" {...text("source")} placeholder="any" />)}
            <datalist id="builder-sources">
              {Object.keys(stats?.by_source ?? {}).map((source) => (
                <option key={source} value={source} />
              ))}
            </datalist>
            {field("Tag", <input {...text("tag")} placeholder="any" />)}
            {field("Meta", <input {...text("meta")} placeholder="category=reasoning" />)}
            {field("Text search", <input type="search" {...text("q")} placeholder="prompt or answer text" />)}
            {field(
              "Quality",
              <select {...text("quality")}>
                <option value="">any</option>
                <option value="ok">ok</option>
                <option value="flagged">flagged</option>
              </select>,
            )}
            {field("Has flag", <input {...text("flag")} placeholder="any" />)}
            {field("Exclude flags", <input {...text("excludeFlags")} placeholder="arithmetic_error, …" />)}
            {field("Min steps", <input type="number" min={1} {...text("minSteps")} />)}
            {field("Max steps", <input type="number" min={1} {...text("maxSteps")} />)}
            {field(
              "Arithmetic",
              <select {...text("arithmetic")}>
                <option value="">any</option>
                <option value="verified">verified</option>
                <option value="unchecked">unchecked</option>
                <option value="wrong">wrong</option>
              </select>,
            )}
            {field(
              "Answer stated in steps",
              <select {...text("answerCheck")}>
                <option value="">any</option>
                <option value="stated">stated</option>
                <option value="not_stated">not stated</option>
              </select>,
            )}
            {field("Within datasets", <input {...text("datasets")} placeholder="name@v1, …" />)}
          </div>
          <LiveCount form={form} />
        </fieldset>
        <fieldset>
          <legend>Selection</legend>
          <div className="form-grid">
            {field(
              "Strategy",
              <select {...text("strategy")}>
                {STRATEGIES.map((strategy) => (
                  <option key={strategy} value={strategy}>
                    {strategy}
                  </option>
                ))}
              </select>,
            )}
            {field("Seed", <input type="number" {...text("seed")} />)}
            {field("Limit", <input type="number" min={1} {...text("limit")} placeholder="none" />)}
            {form.strategy === "stratified" && (
              <>
                {field("Stratify by (meta key)", <input required {...text("stratifyBy")} placeholder="category" />)}
                {field(
                  "Balance",
                  <select {...text("balance")}>
                    <option value="proportional">proportional</option>
                    <option value="equal">equal</option>
                  </select>,
                )}
              </>
            )}
            {form.strategy === "curriculum" && (
              <>
                {field("Difficulty key (meta)", <input required {...text("difficultyKey")} placeholder="difficulty" />)}
                {field(
                  "Stages",
                  <textarea rows={3} {...text("stages")} placeholder={"easy: easy\nhard: medium, hard"} />,
                  "(one a line, name: values)",
                )}
              </>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Dedupe and split</legend>
          <div className="form-grid">
            <label className="inline">
              <input type="checkbox" {...flag("exact")} /> Drop exact duplicates
            </label>
            <label className="inline">
              <input type="checkbox" {...flag("near")} /> Drop near-duplicate prompts
            </label>
            {field(
              "Eval split by",
              <select {...text("evalBy")}>
                <option value="fraction">fraction</option>
                <option value="count">count</option>
              </select>,
            )}
            {form.evalBy === "fraction"
              ? field("Eval fraction", <input type="number" min={0} max={0.99} step="any" {...text("evalFraction")} />)
              : field("Eval count", <input type="number" min={0} {...text("evalCount")} />)}
            {field("Split seed", <input type="number" {...text("splitSeed")} />)}
            {field("Split stratify by", <input {...text("splitStratifyBy")} placeholder="none" />)}
            {field("Hold out by", <input {...text("groupBy")} placeholder="rows (or: prompt, problem)" />)}
          </div>
        </fieldset>
        <fieldset>
          <legend>Template and transforms</legend>
          <div className="form-grid">
            {field("Reasoning open", <input {...text("reasoningOpen")} />)}
            {field("Reasoning close", <input {...text("reasoningClose")} />)}
            {field("Answer open", <input {...text("answerOpen")} />)}
            {field("Answer close", <input {...text("answerClose")} />)}
            {field("System prompt", <input {...text("systemPrompt")} placeholder="none" />)}
            {field("Keep step types", <input {...text("includeStepTypes")} placeholder="all" />)}
            {field("Drop step types", <input {...text("excludeStepTypes")} placeholder="none" />)}
            <label className="inline">
              <input type="checkbox" {...flag("answerOnly")} /> Answer only (drop every step)
            </label>
            <label className="inline">
              <input type="checkbox" {...flag("selfCorrection")} /> Self-correction
            </label>
            {form.selfCorrection && (
              <>
                <label className="inline">
                  <input type="checkbox" {...flag("verify")} /> Append a verification step
                </label>
                {field("Injected error fraction", <input type="number" min={0} max={1} step="any" {...text("errorFraction")} />)}
              </>
            )}
          </div>
        </fieldset>
        {build.isError && (
          <div className="form-error" role="alert">
            <ProblemView problem={toProblem(build.error)} />
          </div>
        )}
        <div className="row">
          <button type="submit" disabled={build.isPending || !form.name.trim()}>
            {build.isPending ? "Building…" : "Build dataset"}
          </button>
        </div>
      </form>
    </section>
  );
}
