// Query options for evaluations, keyed under ["evaluations"] (scorecards, items, comparisons,
// the leaderboard, eval sets offered to the Evaluate form), and for regression baselines under
// ["regression"]: each mutation invalidates its own resource only. A recorded evaluation never
// changes, so those queries are never stale.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { compareEvaluations, getAgreement, getEvaluation, getEvaluationItems, listLabels, getItemDiff, getItemHistory, getLeaderboard, listBaselines, listEvalsets, listRunEvaluations } from "./evaluationApi";
import { normalizeLeaderboardFilters, toApiFilters, type LeaderboardFilters } from "./leaderboardFilters";

export const evaluationKeys = {
  all: ["evaluations"] as const,
  leaderboard: (filters: LeaderboardFilters, cursor: string | undefined, force = false) =>
    [...evaluationKeys.all, "leaderboard", { filters: normalizeLeaderboardFilters(filters), cursor: cursor ?? null, force }] as const,
  detail: (id: string) => [...evaluationKeys.all, "detail", id] as const,
  items: (id: string) => [...evaluationKeys.all, "items", id] as const,
  /** People's labels of one evaluation and the judges' agreement with them: both change when a label does. */
  labelled: (id: string) => [...evaluationKeys.all, "labelled", id] as const,
  labels: (id: string) => [...evaluationKeys.labelled(id), "labels"] as const,
  agreement: (id: string) => [...evaluationKeys.labelled(id), "agreement"] as const,
  ofRun: (runId: string) => [...evaluationKeys.all, "of-run", runId] as const,
  compare: (a: string, b: string, metric = "strict", force = false) => [...evaluationKeys.all, "compare", { a, b, metric, force }] as const,
  history: (evalset: string, item: string) => [...evaluationKeys.all, "history", { evalset, item }] as const,
  diff: (evalset: string, item: string, a: string, b: string) => [...evaluationKeys.all, "diff", { evalset, item, a, b }] as const,
  evalsets: () => [...evaluationKeys.all, "evalsets"] as const,
};

export const regressionKeys = {
  all: ["regression"] as const,
  baselines: () => [...regressionKeys.all, "baselines"] as const,
};

export const evaluationQueries = {
  /** ``force`` ranks evaluations made with different settings together (refused otherwise). */
  leaderboard: (filters: LeaderboardFilters, cursor?: string, force = false) =>
    queryOptions({
      queryKey: evaluationKeys.leaderboard(filters, cursor, force),
      queryFn: ({ signal }) => getLeaderboard(toApiFilters(filters), cursor, force, signal),
      placeholderData: keepPreviousData,
      meta: { inlineErrors: true },
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: evaluationKeys.detail(id),
      queryFn: ({ signal }) => getEvaluation(id, signal),
      staleTime: Infinity,
      meta: { inlineErrors: true },
    }),
  /** A training run's evaluations; polled, since an auto-eval or one just submitted lands later. */
  ofRun: (runId: string) =>
    queryOptions({
      queryKey: evaluationKeys.ofRun(runId),
      queryFn: ({ signal }) => listRunEvaluations(runId, signal),
      refetchInterval: 15_000,
      meta: { inlineErrors: true },
    }),
  items: (id: string) =>
    queryOptions({
      queryKey: evaluationKeys.items(id),
      queryFn: ({ signal }) => getEvaluationItems(id, signal),
      staleTime: Infinity,
    }),
  /** ``force`` compares evaluations made with different settings (refused otherwise). */
  compare: (a: string, b: string, metric = "strict", force = false) =>
    queryOptions({
      queryKey: evaluationKeys.compare(a, b, metric, force),
      queryFn: ({ signal }) => compareEvaluations(a, b, metric, force, signal),
      staleTime: Infinity,
      meta: { inlineErrors: true },
    }),
  labels: (id: string) =>
    queryOptions({
      queryKey: evaluationKeys.labels(id),
      queryFn: ({ signal }) => listLabels(id, signal),
      meta: { inlineErrors: true },
    }),
  agreement: (id: string) =>
    queryOptions({
      queryKey: evaluationKeys.agreement(id),
      queryFn: ({ signal }) => getAgreement(id, signal),
      meta: { inlineErrors: true },
    }),
  /** One item across evaluations; not immutable, since a new evaluation adds an entry. */
  history: (evalset: string, item: string) =>
    queryOptions({
      queryKey: evaluationKeys.history(evalset, item),
      queryFn: ({ signal }) => getItemHistory(evalset, item, signal),
      meta: { inlineErrors: true },
    }),
  /** The diff of two recorded outputs, which never change. */
  diff: (evalset: string, item: string, a: string, b: string) =>
    queryOptions({
      queryKey: evaluationKeys.diff(evalset, item, a, b),
      queryFn: ({ signal }) => getItemDiff(evalset, item, a, b, signal),
      staleTime: Infinity,
      meta: { inlineErrors: true },
    }),
  evalsets: () =>
    queryOptions({
      queryKey: evaluationKeys.evalsets(),
      queryFn: ({ signal }) => listEvalsets(signal),
    }),
  baselines: () =>
    queryOptions({
      queryKey: regressionKeys.baselines(),
      queryFn: ({ signal }) => listBaselines(signal),
    }),
};
