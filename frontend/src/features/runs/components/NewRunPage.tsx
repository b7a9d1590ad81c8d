import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ProblemError, toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { datasetQueries } from "../../datasets/api/datasetQueries";
import {
  configPathOf,
  fromYaml,
  getPath,
  setPath,
  templateById,
  TEMPLATES,
  TINY_MODELS,
  toYaml,
  validateTrainConfig,
  type Issue,
  type Json,
  type TrainConfig,
} from "../api/trainConfig";
import { useSubmitRun } from "../hooks/useRunMutations";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

type FieldType = "text" | "int" | "float" | "bool" | "select";
interface FieldSpec {
  path: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  hint?: string;
  grpoOnly?: boolean;
}

const FIELDS: FieldSpec[] = [
  { path: "method", label: "Method", type: "select", options: ["sft", "grpo"] },
  { path: "model", label: "Model", type: "text", hint: "preset or Hugging Face id" },
  { path: "dataset.split", label: "Split trained on", type: "select", options: ["train", "eval", "all"] },
  { path: "lora.full", label: "Full fine-tune (no LoRA)", type: "bool" },
  { path: "lora.r", label: "LoRA rank", type: "int" },
  { path: "lora.alpha", label: "LoRA alpha", type: "int" },
  { path: "optimizer.lr", label: "Learning rate", type: "float" },
  { path: "optimizer.warmup_steps", label: "Warmup steps", type: "int" },
  { path: "max_steps", label: "Max steps", type: "int", hint: "or epochs" },
  { path: "epochs", label: "Epochs", type: "float" },
  { path: "batch_size", label: "Batch size", type: "int" },
  { path: "gradient_accumulation_steps", label: "Gradient accumulation", type: "int" },
  { path: "max_seq_length", label: "Max sequence length", type: "int" },
  { path: "logging_steps", label: "Log every N steps", type: "int" },
  { path: "save_steps", label: "Checkpoint every N steps", type: "int" },
  { path: "eval_steps", label: "Evaluate every N steps", type: "int" },
  { path: "device", label: "Device", type: "select", options: ["auto", "cpu", "cuda", "tpu"] },
  { path: "seed", label: "Seed", type: "int" },
  { path: "grpo.num_generations", label: "GRPO generations per prompt", type: "int", grpoOnly: true },
  { path: "grpo.max_completion_length", label: "GRPO completion length", type: "int", grpoOnly: true },
  {
    path: "grpo.rollouts_every",
    label: "GRPO rollouts every N steps",
    type: "int",
    hint: "recorded for the Rollouts panel; empty: every logged step",
    grpoOnly: true,
  },
  {
    path: "grpo.alarms.window",
    label: "GRPO alarm window",
    type: "int",
    hint: "recorded steps each reward-hacking alarm compares; empty: 4",
    grpoOnly: true,
  },
];

function inputId(path: string): string {
  return `cfg-${path.replaceAll(".", "-")}`;
}

function FieldErrors({ path, issues }: { path: string; issues: Issue[] }) {
  const mine = issues.filter((issue) => issue.path === path);
  if (mine.length === 0) return null;
  return (
    <span className="field-error" id={`${inputId(path)}-error`}>
      {mine.map((issue) => issue.message).join("; ")}
    </span>
  );
}

/** Start a training run from a template; the config is editable as a form and as YAML, checked
 * before submitting, and the server's 422 errors are shown next to the fields they name. */
export function NewRunPage() {
  useDocumentTitle("New run");
  const [params] = useSearchParams();
  const initialTemplate = templateById(params.get("template"));
  const [templateId, setTemplateId] = useState(initialTemplate.id);
  const [config, setConfig] = useState<TrainConfig>(() => initialTemplate.config(params.get("dataset") ?? ""));
  const [mode, setMode] = useState<"form" | "yaml">("form");
  const [yamlText, setYamlText] = useState("");
  const [yamlError, setYamlError] = useState<string | null>(null);
  const [tags, setTags] = useState("");
  const [name, setName] = useState("");
  const [notes, setNotes] = useState("");
  const [tried, setTried] = useState(false);
  const submit = useSubmitRun();
  const navigate = useNavigate();
  const datasets = useQuery(datasetQueries.list());

  const local = validateTrainConfig(config);
  const serverProblem = submit.error instanceof ProblemError ? submit.error.problem : null;
  const server: Issue[] = (serverProblem?.errors ?? []).flatMap((error) => {
    const path = configPathOf(error.loc);
    return path === null ? [] : [{ path, message: error.msg ?? "invalid" }];
  });
  const shownIssues = [...(tried ? local : []), ...server];
  const datasetKey = getPath(config, "dataset.key");

  function change(next: TrainConfig) {
    setConfig(next);
    if (submit.isError) submit.reset();
  }

  function pickTemplate(id: string) {
    const template = templateById(id);
    setTemplateId(template.id);
    change(template.config(typeof datasetKey === "string" ? datasetKey : ""));
    setYamlText("");
    setMode("form");
  }

  function toYamlMode() {
    setYamlText(toYaml(config));
    setYamlError(null);
    setMode("yaml");
  }

  function editYaml(text: string) {
    setYamlText(text);
    const parsed = fromYaml(text);
    if ("error" in parsed) setYamlError(parsed.error);
    else {
      setYamlError(null);
      change(parsed.config);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (local.length > 0 || yamlError) return;
    const tagList = tags.split(",").map((tag) => tag.trim()).filter(Boolean);
    const words = { name: name.trim() || null, notes: notes.trim() ? notes : null };
    submit.mutate({ kind: "train", config, tags: tagList, ...words }, { onSuccess: (run) => navigate(`/runs/${run.id}`) });
  }

  function fieldInput(spec: FieldSpec): ReactNode {
    const value = getPath(config, spec.path);
    const id = inputId(spec.path);
    const invalid = shownIssues.some((issue) => issue.path === spec.path);
    const common = { id, "aria-invalid": invalid || undefined, "aria-describedby": invalid ? `${id}-error` : undefined };
    if (spec.type === "bool") {
      return <input type="checkbox" {...common} checked={value === true} onChange={(e) => change(setPath(config, spec.path, e.target.checked))} />;
    }
    if (spec.type === "select") {
      return (
        <select {...common} value={typeof value === "string" ? value : (spec.options?.[0] ?? "")} onChange={(e) => change(setPath(config, spec.path, e.target.value))}>
          {spec.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    }
    if (spec.type === "text") {
      return <input {...common} list={spec.path === "model" ? "model-presets" : undefined} value={typeof value === "string" ? value : ""} onChange={(e) => change(setPath(config, spec.path, e.target.value))} />;
    }
    return (
      <input
        {...common}
        type="number"
        step={spec.type === "float" ? "any" : 1}
        value={typeof value === "number" ? String(value) : ""}
        placeholder="default"
        onChange={(e) => {
          const text = e.target.value;
          const next: Json | undefined = text === "" ? undefined : Number(text);
          change(setPath(config, spec.path, next));
        }}
      />
    );
  }

  const method = getPath(config, "method") ?? "sft";
  const fields = FIELDS.filter((spec) => !spec.grpoOnly || method === "grpo");
  const unplaced = shownIssues.filter((issue) => issue.path !== "dataset.key" && !fields.some((spec) => spec.path === issue.path));

  return (
    <section>
      <h1>New run</h1>
      <form onSubmit={onSubmit} aria-label="New run" noValidate>
        <fieldset className="templates">
          <legend>Template</legend>
          {TEMPLATES.map((template) => (
            <label key={template.id} className={`template${templateId === template.id ? " chosen" : ""}`}>
              <input type="radio" name="template" value={template.id} checked={templateId === template.id} onChange={() => pickTemplate(template.id)} />
              <strong>{template.label}</strong>
              <span className="muted small">{template.description}</span>
            </label>
          ))}
        </fieldset>
        <div className="panel">
          <div className="form-grid">
            <label htmlFor={inputId("dataset.key")} className="wide">
              <span>Dataset</span>
              <select
                id={inputId("dataset.key")}
                value={typeof datasetKey === "string" ? datasetKey : ""}
                aria-invalid={shownIssues.some((issue) => issue.path === "dataset.key") || undefined}
                aria-describedby={`${inputId("dataset.key")}-error`}
                onChange={(e) => change(setPath(config, "dataset.key", e.target.value))}
              >
                <option value="">choose a dataset…</option>
                {typeof datasetKey === "string" && datasetKey && !(datasets.data?.items ?? []).some((d) => d.key === datasetKey) && (
                  <option value={datasetKey}>{datasetKey}</option>
                )}
                {(datasets.data?.items ?? []).map((dataset) => (
                  <option key={dataset.key} value={dataset.key}>
                    {dataset.key} ({dataset.item_count} items)
                  </option>
                ))}
              </select>
              <FieldErrors path="dataset.key" issues={shownIssues} />
            </label>
            <label>
              <span>
                Tags <span className="muted small">(comma-separated)</span>
              </span>
              <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="demo" />
            </label>
            <label>
              <span>
                Name <span className="muted small">(optional, shown in lists and legends)</span>
              </span>
              <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="lr 3e-4 baseline" />
            </label>
            <label className="wide">
              <span>
                Notes <span className="muted small">(optional)</span>
              </span>
              <textarea value={notes} rows={2} onChange={(e) => setNotes(e.target.value)} />
            </label>
          </div>
          {datasets.data && datasets.data.items.length === 0 && <p className="muted small">No datasets yet: build one first.</p>}
        </div>
        <div className="tabs" role="tablist" aria-label="Config editor">
          <button type="button" role="tab" aria-selected={mode === "form"} className={mode === "form" ? "" : "secondary"} onClick={() => setMode("form")} disabled={Boolean(yamlError)}>
            Form
          </button>
          <button type="button" role="tab" aria-selected={mode === "yaml"} className={mode === "yaml" ? "" : "secondary"} onClick={toYamlMode}>
            YAML
          </button>
        </div>
        <div className="panel" role="tabpanel">
          {mode === "form" ? (
            <div className="form-grid">
              <datalist id="model-presets">
                {TINY_MODELS.map((model) => (
                  <option key={model} value={model} />
                ))}
              </datalist>
              {fields.map((spec) => (
                <label key={spec.path} htmlFor={inputId(spec.path)} className={spec.type === "bool" ? "inline" : undefined}>
                  <span>
                    {spec.label}
                    {spec.hint && <span className="muted small"> ({spec.hint})</span>}
                  </span>
                  {fieldInput(spec)}
                  <FieldErrors path={spec.path} issues={shownIssues} />
                </label>
              ))}
            </div>
          ) : (
            <label className="yaml-editor">
              <span>Config (YAML)</span>
              <textarea rows={22} spellCheck={false} value={yamlText} onChange={(e) => editYaml(e.target.value)} aria-invalid={Boolean(yamlError) || undefined} />
              {yamlError && <span className="field-error">YAML: {yamlError}</span>}
            </label>
          )}
          {unplaced.length > 0 && (
            <ul className="field-error" aria-label="Other config problems">
              {unplaced.map((issue, index) => (
                <li key={`${issue.path}-${index}`}>
                  <code>{issue.path || "config"}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        {submit.isError && (
          <div className="form-error" role="alert">
            <ProblemView problem={toProblem(submit.error)} />
          </div>
        )}
        {tried && local.length > 0 && (
          <p className="bad" role="alert">
            Fix {local.length} problem{local.length === 1 ? "" : "s"} before starting the run.
          </p>
        )}
        <button type="submit" disabled={submit.isPending}>
          {submit.isPending ? "Submitting…" : "Start run"}
        </button>
      </form>
    </section>
  );
}
