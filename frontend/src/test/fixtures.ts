// Response bodies shaped like the API's (typed by the generated schema), for component tests.
import type { Health, TraceRead, TraceStats, TraceSummary } from "../api/types";

export function healthBody(overrides: Partial<Health> = {}): Health {
  return {
    status: "ok",
    version: "0.1.0",
    database: { dialect: "sqlite", ok: true, revision: "0003", head: "0003" },
    extras: { postgres: true, torch: false, jax: false, ray: false },
    ...overrides,
  };
}

export function statsBody(overrides: Partial<TraceStats> = {}): TraceStats {
  return {
    total: 120,
    flagged: 3,
    by_source: { "synth:arithmetic": 100, import: 20 },
    by_category: { arithmetic: 100, reasoning: 20 },
    by_flag: { arithmetic_error: 2, answer_not_in_steps: 1 },
    steps: { min: 2, mean: 3.5, max: 6 },
    ...overrides,
  };
}

export function summaryBody(n: number, overrides: Partial<TraceSummary> = {}): TraceSummary {
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`,
    prompt: `Prompt number ${n}`,
    final_answer: String(n),
    step_count: 2,
    source: "synth:arithmetic",
    tags: [],
    meta: {},
    quality_ok: true,
    quality_flags: [],
    created_at: "2026-01-02T03:04:05Z",
    ...overrides,
  };
}

export function traceBody(overrides: Partial<TraceRead> = {}): TraceRead {
  return {
    ...summaryBody(1),
    prompt: "What is 27 × 19?",
    final_answer: "523",
    step_count: 2,
    quality_ok: false,
    quality_flags: ["arithmetic_error"],
    trace_version: "1.0",
    content_hash: "ab".repeat(32),
    steps: [
      { i: 0, type: "setup", content: "Multiply 27 by 19." },
      { i: 1, type: "calculation", content: "So 27 × 19 = 523 in all." },
    ],
    quality: {
      ok: false,
      flags: ["arithmetic_error"],
      stats: {
        step_count: 2,
        prompt_chars: 16,
        answer_chars: 3,
        step_chars_total: 43,
        step_chars_max: 25,
        arithmetic_checked: 1,
        arithmetic_wrong: 1,
      },
      arithmetic: [
        { step: 1, expression: "27 × 19", stated: "523", expected: "513", correct: false, start: 3, end: 16 },
      ],
    },
    ...overrides,
  };
}
