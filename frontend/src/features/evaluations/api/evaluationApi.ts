// The evaluation, leaderboard and regression routes, typed by the generated OpenAPI schema
// (except the comparison, whose body the server returns as an open object: typed here from
// src/tunix_rt/evaluation/store.py `compare`).
import { request } from "../../../api/client";
import type {
  AgreementReport,
  BaselineCreate,
  BaselineRead,
  DatasetPage,
  EvaluationItem,
  EvaluationRead,
  EvaluationSummary,
  ItemDiff,
  ItemHistory,
  LabelRead,
  LabelSet,
  LeaderboardPage,
  RegressionCheck,
  SettingsDifference,
  RegressionResult,
  RunRead,
} from "../../../api/types";
import type { LeaderboardFilters } from "./leaderboardFilters";

export const PAGE_SIZE = 50;

export type Outcome = "fixed" | "broken" | "both_right" | "both_wrong";

export interface CompareSide {
  output: string;
  extracted_answer: string | null;
  strict: boolean;
  lenient: boolean;
  format_ok: boolean;
  failure: string | null;
  judges: Record<string, unknown>;
}

export interface CompareItem {
  id: string;
  category: string | null;
  expected_answer: string;
  outcome: Outcome;
  a: CompareSide;
  b: CompareSide;
}

export interface EvaluationCompare {
  a: string;
  b: string;
  metric: string;
  evalset: string;
  paired: number;
  counts: Record<Outcome, number>;
  a_accuracy: number;
  b_accuracy: number;
  mcnemar_p: number;
  /** With force: the settings that differ between the two (empty when they match). */
  settings_differences: SettingsDifference[];
  categories: Record<string, { n: number; a: number; b: number; delta: number }>;
  items: CompareItem[];
}

/** The settings of an eval run the UI submits (src/tunix_rt/evaluation/config.py EvalConfig). */
export interface EvalConfig {
  evalset: string;
  run?: string;
  model?: string;
  judges?: string[];
  batch_size?: number;
  max_new_tokens?: number;
  limit?: number;
  device?: "auto" | "cpu" | "cuda";
}

const path = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

export function getEvaluation(id: string, signal?: AbortSignal) {
  return request<EvaluationRead>("GET", path(id), { signal });
}

/** Every evaluation of a training run's model, newest first (GET /api/evaluations?source_run=). */
export function listRunEvaluations(runId: string, signal?: AbortSignal) {
  return request<EvaluationSummary[]>("GET", "/api/evaluations", { query: { source_run: runId }, signal });
}

export function getEvaluationItems(id: string, signal?: AbortSignal) {
  return request<EvaluationItem[]>("GET", `${path(id)}/items`, { signal });
}

/** Pairs the two evaluations' items on one verdict: strict, lenient, format or judge:<name>. A 409
 * with ``differences`` when they were made with different settings, unless ``force``. */
export function compareEvaluations(a: string, b: string, metric = "strict", force = false, signal?: AbortSignal) {
  return request<EvaluationCompare>("GET", "/api/evaluations/compare", { query: { a, b, metric, force: force || undefined }, signal });
}

/** Every evaluation that scored one item of an eval set, in training order. */
export function getItemHistory(evalset: string, item: string, signal?: AbortSignal) {
  return request<ItemHistory>("GET", "/api/evaluations/history", { query: { evalset, item }, signal });
}

/** The word diff of the item's output in evaluation a to its output in evaluation b. */
export function getItemDiff(evalset: string, item: string, a: string, b: string, signal?: AbortSignal) {
  return request<ItemDiff>("GET", "/api/evaluations/history/diff", { query: { evalset, item, a, b }, signal });
}

export function listLabels(id: string, signal?: AbortSignal) {
  return request<LabelRead[]>("GET", `${path(id)}/labels`, { signal });
}

export function setLabel(id: string, item: string, body: LabelSet) {
  return request<LabelRead>("PUT", `${path(id)}/items/${encodeURIComponent(item)}/label`, { json: body });
}

export function deleteLabel(id: string, item: string) {
  return request<void>("DELETE", `${path(id)}/items/${encodeURIComponent(item)}/label`);
}

/** Each judge (and strict, lenient) against the evaluation's human labels. */
export function getAgreement(id: string, signal?: AbortSignal) {
  return request<AgreementReport>("GET", `${path(id)}/agreement`, { signal });
}

/** A 409 with ``mismatches`` when evaluations on one eval set were made with different settings, unless ``force``. */
export function getLeaderboard(filters: LeaderboardFilters, cursor: string | undefined, force = false, signal?: AbortSignal) {
  return request<LeaderboardPage>("GET", "/api/leaderboard", { query: { ...filters, limit: PAGE_SIZE, cursor, force: force || undefined }, signal });
}

export function listEvalsets(signal?: AbortSignal) {
  return request<DatasetPage>("GET", "/api/evalsets", { query: { limit: 200 }, signal });
}

export function submitEvaluation(config: EvalConfig, tags: string[] = []) {
  return request<RunRead>("POST", "/api/runs", { json: { kind: "eval", config, tags } });
}

export function listBaselines(signal?: AbortSignal) {
  return request<BaselineRead[]>("GET", "/api/regression/baselines", { signal });
}

export function createBaseline(body: BaselineCreate) {
  return request<BaselineRead>("POST", "/api/regression/baselines", { json: body });
}

export function deleteBaseline(name: string) {
  return request<void>("DELETE", `/api/regression/baselines/${encodeURIComponent(name)}`);
}

export function checkRegression(body: RegressionCheck) {
  return request<RegressionResult>("POST", "/api/regression/check", { json: body });
}
