// What the sweep pages derive from the trials: the best objective so far at each trial, and the
// direction of the objective.
import type { TrialRead } from "../../../api/types";

export type Mode = "max" | "min";

/** At each trial (oldest first), the best objective of the trials up to it; null before any scored. */
export function bestSoFar(objectives: (number | null)[], mode: Mode): (number | null)[] {
  let best: number | null = null;
  return objectives.map((value) => {
    if (value !== null && (best === null || (mode === "max" ? value > best : value < best))) best = value;
    return best;
  });
}

/** The objective of a trial that counts: a succeeded trial's (the best trial is chosen among these). */
export function scoredObjective(trial: TrialRead): number | null {
  return trial.status === "succeeded" ? trial.objective : null;
}

/** A parameter's value as the table shows it: numbers to 4 significant digits, the rest as JSON. */
export function formatParam(value: unknown): string {
  if (typeof value === "number") return Math.abs(value) < 1e-3 && value !== 0 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "–";
}

interface ConfigShape {
  trials?: unknown;
  search?: { type?: unknown };
  space?: Record<string, { type?: unknown; values?: unknown[] | null }>;
}

/** How many trials a sweep config asks for, as the server counts them (SweepConfig.total_trials):
 * search grid runs every combination of the value lists; random and optuna draw `trials` samples,
 * each times the grid of the `grid` domains. Null for a config without them. */
export function plannedTrials(config: ConfigShape): number | null {
  const domains = Object.values(config.space ?? {});
  const isGrid = config.search?.type === "grid";
  const grid = domains.reduce((product, domain) => {
    const counts = isGrid || domain.type === "grid";
    return product * (counts && Array.isArray(domain.values) ? domain.values.length : 1);
  }, 1);
  if (isGrid) return grid;
  return typeof config.trials === "number" ? config.trials * grid : null;
}
