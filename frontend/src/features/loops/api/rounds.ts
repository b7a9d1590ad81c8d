// The rounds as the loop page charts them: one x per round, accuracy and pass@k as rates, the
// traces kept on their own axis; a round without a number yet is a gap, not a zero.
import type uPlot from "uplot";
import type { RoundRead } from "../../../api/types";

export function roundSeries(rounds: RoundRead[]): uPlot.AlignedData {
  return [
    rounds.map((round) => round.round),
    rounds.map((round) => round.strict_accuracy?.value ?? null),
    rounds.map((round) => round.pass_at_k ?? null),
    rounds.map((round) => round.traces_kept ?? null),
  ];
}

export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(3);
}

export function formatP(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return value < 0.001 ? value.toExponential(1) : value.toPrecision(2);
}
