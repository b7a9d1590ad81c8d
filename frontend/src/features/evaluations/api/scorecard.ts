// The scorecard an evaluation records (src/tunix_rt/evaluation/scorecard.py; an open object in the
// OpenAPI schema), read defensively: a missing number shows as "–", never as a made-up 0.

export interface Rate {
  value: number;
  hits: number;
  n: number;
  low: number;
  high: number;
}

export interface GroupScore {
  n: number;
  strict?: Rate;
  lenient?: Rate;
  format?: Rate;
}

export const FAILURE_LABELS = [
  "repetition_loop",
  "incomplete",
  "truncated",
  "extraction_failure",
  "format_failure",
  "arithmetic_slip",
  "wrong_final_answer",
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function rateOf(value: unknown): Rate | undefined {
  if (!isObject(value) || typeof value.value !== "number") return undefined;
  const num = (key: string) => (typeof value[key] === "number" ? (value[key] as number) : NaN);
  return { value: value.value, hits: num("hits"), n: num("n"), low: num("low"), high: num("high") };
}

export function numberOf(card: Record<string, unknown>, key: string): number | undefined {
  const value = card[key];
  return typeof value === "number" ? value : undefined;
}

export interface ReasoningLengths {
  items: number;
  meanTokens: number;
  medianTokens: number;
  maxTokens: number;
  incompleteRate: number;
}

/** How long the model thought (the scorecard's ``reasoning``); undefined for an evaluation made
 * before it was recorded, or when no output had a reasoning span and none was left unclosed. */
export function reasoningOf(card: Record<string, unknown>): ReasoningLengths | undefined {
  const value = card.reasoning;
  if (!isObject(value)) return undefined;
  const num = (key: string) => (typeof value[key] === "number" ? (value[key] as number) : 0);
  const lengths = {
    items: num("items"),
    meanTokens: num("mean_tokens"),
    medianTokens: num("median_tokens"),
    maxTokens: num("max_tokens"),
    incompleteRate: num("incomplete_rate"),
  };
  return lengths.items > 0 || lengths.incompleteRate > 0 ? lengths : undefined;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface SamplingScores {
  samples: number;
  passAt: [number, Interval][];
  majAtK: Interval;
  meanAgreement: Interval;
}

function intervalOf(value: unknown): Interval | undefined {
  if (!isObject(value) || typeof value.value !== "number") return undefined;
  const num = (key: string) => (typeof value[key] === "number" ? (value[key] as number) : NaN);
  return { value: value.value, low: num("low"), high: num("high") };
}

/** The scorecard's ``sampling`` block (an evaluation with samples: k above 1), else undefined. */
export function samplingOf(card: Record<string, unknown>): SamplingScores | undefined {
  const value = card.sampling;
  if (!isObject(value) || typeof value.samples !== "number" || !isObject(value.pass_at)) return undefined;
  const majAtK = intervalOf(value.maj_at_k);
  const meanAgreement = intervalOf(value.mean_agreement);
  if (!majAtK || !meanAgreement) return undefined;
  const passAt = Object.entries(value.pass_at)
    .flatMap(([k, score]): [number, Interval][] => {
      const interval = intervalOf(score);
      return interval ? [[Number(k), interval]] : [];
    })
    .sort((a, b) => a[0] - b[0]);
  return { samples: value.samples, passAt, majAtK, meanAgreement };
}

/** section / category / difficulty -> label -> scores. */
export function breakdownsOf(card: Record<string, unknown>): Record<string, Record<string, GroupScore>> {
  const out: Record<string, Record<string, GroupScore>> = {};
  if (!isObject(card.breakdowns)) return out;
  for (const [field, groups] of Object.entries(card.breakdowns)) {
    if (!isObject(groups)) continue;
    out[field] = {};
    for (const [label, group] of Object.entries(groups)) {
      if (!isObject(group)) continue;
      out[field][label] = {
        n: typeof group.n === "number" ? group.n : 0,
        strict: rateOf(group.strict),
        lenient: rateOf(group.lenient),
        format: rateOf(group.format),
      };
    }
  }
  return out;
}

export function failuresOf(card: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isObject(card.failures)) return out;
  for (const [label, count] of Object.entries(card.failures)) if (typeof count === "number") out[label] = count;
  return out;
}

export function judgesOf(card: Record<string, unknown>): Record<string, Rate & { version?: string }> {
  const out: Record<string, Rate & { version?: string }> = {};
  if (!isObject(card.judges)) return out;
  for (const [name, score] of Object.entries(card.judges)) {
    const rate = rateOf(score);
    if (rate) out[name] = { ...rate, version: isObject(score) && typeof score.version === "string" ? score.version : undefined };
  }
  return out;
}

export function pct(value: number | undefined | null, digits = 1): string {
  return value === undefined || value === null || Number.isNaN(value) ? "–" : `${(value * 100).toFixed(digits)}%`;
}

export function pValue(p: number): string {
  if (p < 0.001) return "< 0.001";
  return p.toFixed(3);
}

/** "run:<uuid>" (a training run evaluated) as a short label; a model name as it is. */
export function modelLabel(model: string): string {
  return model.startsWith("run:") ? `run ${model.slice(4, 12)}` : model;
}

/** One recorded setting as the settings table shows it: its dotted name and its value as text. */
export interface SettingRow {
  setting: string;
  value: string;
}

/** A setting's value as text: strings as they are, anything else (numbers, null) as JSON. */
export function settingText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The settings that determined an evaluation's numbers (the scorecard's ``settings``), flattened to
 * dotted names in the order recorded; undefined for an evaluation made before they were recorded. */
export function settingsOf(card: Record<string, unknown>): SettingRow[] | undefined {
  const value = card.settings;
  if (!isObject(value)) return undefined;
  const rows: SettingRow[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(node)) {
      if (isObject(child)) walk(child, `${prefix}${key}.`);
      else rows.push({ setting: `${prefix}${key}`, value: settingText(child) });
    }
  };
  walk(value, "");
  return rows;
}
