// The builder form's state (strings, as inputs hold them) and its translation into a
// DatasetCreate body. Only what the user set is sent: the server fills in its own defaults.
import type { DatasetCreate, TraceQuery } from "../../../api/types";
import { parseMeta } from "../../traces/api/traceFilters";

export const STRATEGIES = ["all", "latest", "random", "stratified", "curriculum"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface BuildForm {
  name: string;
  description: string;
  // query
  source: string;
  tag: string;
  meta: string;
  q: string;
  quality: "" | "ok" | "flagged";
  flag: string;
  excludeFlags: string;
  minSteps: string;
  maxSteps: string;
  arithmetic: "" | "verified" | "unchecked" | "wrong";
  answerCheck: "" | "stated" | "not_stated";
  datasets: string;
  // selection
  strategy: Strategy;
  seed: string;
  stratifyBy: string;
  balance: "proportional" | "equal";
  difficultyKey: string;
  /** One stage a line: "name: value, value". */
  stages: string;
  limit: string;
  // dedupe
  exact: boolean;
  near: boolean;
  // split
  evalBy: "fraction" | "count";
  evalFraction: string;
  evalCount: string;
  splitSeed: string;
  splitStratifyBy: string;
  /** "prompt" or a meta key: traces sharing it stay in one split (problems held out, not rows). */
  groupBy: string;
  // transforms
  reasoningOpen: string;
  reasoningClose: string;
  answerOpen: string;
  answerClose: string;
  systemPrompt: string;
  includeStepTypes: string;
  excludeStepTypes: string;
  selfCorrection: boolean;
  verify: boolean;
  errorFraction: string;
  /** The answer-only twin: every step dropped, the reasoning tags cleared by the server. */
  answerOnly: boolean;
}

export const emptyBuildForm: BuildForm = {
  name: "",
  description: "",
  source: "",
  tag: "",
  meta: "",
  q: "",
  quality: "",
  flag: "",
  excludeFlags: "",
  minSteps: "",
  maxSteps: "",
  arithmetic: "",
  answerCheck: "",
  datasets: "",
  strategy: "all",
  seed: "0",
  stratifyBy: "",
  balance: "proportional",
  difficultyKey: "",
  stages: "",
  limit: "",
  exact: true,
  near: false,
  evalBy: "fraction",
  evalFraction: "0.1",
  evalCount: "",
  splitSeed: "0",
  splitStratifyBy: "",
  groupBy: "",
  reasoningOpen: "<reasoning>",
  reasoningClose: "</reasoning>",
  answerOpen: "<answer>",
  answerClose: "</answer>",
  systemPrompt: "",
  includeStepTypes: "",
  excludeStepTypes: "",
  selfCorrection: false,
  verify: true,
  errorFraction: "0",
  answerOnly: false,
};

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

function int(text: string): number | undefined {
  const value = text.trim();
  return value === "" ? undefined : Number(value);
}

/** "easy: 1, 2\nhard: 3" -> stages with values. */
export function parseStages(text: string): { name: string; values: string[] }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      return at < 0
        ? { name: line, values: [] }
        : { name: line.slice(0, at).trim(), values: splitList(line.slice(at + 1)) };
    });
}

/** The query part alone: what the live count asks about. Empty members are left out. */
export function toTraceQuery(form: BuildForm): TraceQuery {
  const query: TraceQuery = {};
  if (form.source.trim()) query.source = form.source.trim();
  if (form.tag.trim()) query.tag = form.tag.trim();
  const meta = parseMeta(form.meta);
  if (Object.keys(meta).length > 0) query.meta = meta;
  if (form.q.trim()) query.q = form.q.trim();
  if (form.quality) query.quality = form.quality;
  if (form.flag.trim()) query.flag = form.flag.trim();
  const exclude = splitList(form.excludeFlags);
  if (exclude.length > 0) query.exclude_flags = exclude;
  if (int(form.minSteps) !== undefined) query.min_steps = int(form.minSteps);
  if (int(form.maxSteps) !== undefined) query.max_steps = int(form.maxSteps);
  if (form.arithmetic) query.arithmetic = form.arithmetic;
  if (form.answerCheck) query.answer_check = form.answerCheck;
  const datasets = splitList(form.datasets);
  if (datasets.length > 0) query.datasets = datasets;
  return query;
}

export function toDatasetCreate(form: BuildForm): DatasetCreate {
  const body: DatasetCreate = { name: form.name.trim(), description: form.description.trim(), query: toTraceQuery(form) };
  const selection: NonNullable<DatasetCreate["selection"]> = {
    strategy: form.strategy,
    seed: int(form.seed) ?? 0,
    balance: form.balance,
  };
  if (form.strategy === "stratified") selection.stratify_by = form.stratifyBy.trim();
  if (form.strategy === "curriculum") {
    selection.difficulty_key = form.difficultyKey.trim();
    selection.stages = parseStages(form.stages);
  }
  body.selection = selection;
  if (int(form.limit) !== undefined) body.limit = int(form.limit);
  body.dedupe = { exact: form.exact, near: form.near };
  const split: NonNullable<DatasetCreate["split"]> = { seed: int(form.splitSeed) ?? 0 };
  if (form.evalBy === "count") split.eval_count = int(form.evalCount) ?? 0;
  else split.eval_fraction = form.evalFraction.trim() === "" ? 0.1 : Number(form.evalFraction);
  if (form.splitStratifyBy.trim()) split.stratify_by = form.splitStratifyBy.trim();
  if (form.groupBy.trim()) split.group_by = form.groupBy.trim();
  body.split = split;
  const transforms: NonNullable<DatasetCreate["transforms"]> = {
    template: {
      // the parts the form does not edit keep the server's defaults (RenderTemplate)
      step_format: "{content}",
      step_separator: "\n",
      separator: "",
      prompt_separator: "\n",
      reasoning_open: form.reasoningOpen,
      reasoning_close: form.reasoningClose,
      answer_open: form.answerOpen,
      answer_close: form.answerClose,
      system_prompt: form.systemPrompt.trim() || null,
    },
    answer_only: form.answerOnly,
  };
  const include = splitList(form.includeStepTypes);
  if (include.length > 0) transforms.include_step_types = include;
  const exclude = splitList(form.excludeStepTypes);
  if (exclude.length > 0) transforms.exclude_step_types = exclude;
  if (form.selfCorrection) {
    transforms.self_correction = { verify: form.verify, error_fraction: Number(form.errorFraction || 0), seed: 0 };
  }
  body.transforms = transforms;
  return body;
}
