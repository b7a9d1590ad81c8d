// Response bodies shaped like the API's (typed by the generated schema), for component tests.
import type { DatasetRead, Health, RunRead, TraceRead, TraceStats, TraceSummary } from "../api/types";

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

export function datasetBody(overrides: Partial<DatasetRead> = {}): DatasetRead {
  return {
    key: "demo@v1",
    name: "demo",
    version: 1,
    kind: "traces",
    description: "",
    item_count: 64,
    counts: { train: 58, eval: 6 },
    created_at: "2026-01-02T03:04:05Z",
    manifest: {
      key: "demo@v1",
      request: { name: "demo", query: {}, selection: { strategy: "all" }, limit: 64 },
      counts: { train: 58, eval: 6, total: 64, considered: 64, dropped_duplicates: 0 },
      strata: {},
      sha256: { train: "aa".repeat(32), eval: "bb".repeat(32), all: "cc".repeat(32) },
      bytes: { train: 43347, eval: 5152 },
      stats: {
        train: {
          count: 58,
          prompt_tokens: { "0-15": 37, "16-31": 9 },
          completion_tokens: { "16-31": 16, "32-63": 30 },
          step_counts: { "2": 6, "3": 21 },
          categories: { average: 4, division: 2 },
        },
        eval: { count: 6, prompt_tokens: { "0-15": 6 }, completion_tokens: {}, step_counts: {}, categories: {} },
      },
    },
    ...overrides,
  };
}

export function runBody(overrides: Partial<RunRead> = {}): RunRead {
  const id = overrides.id ?? "11111111-1111-4111-8111-111111111111";
  return {
    id,
    kind: "train",
    status: "running",
    config: { method: "sft", model: "tiny-llama", dataset: { key: "demo@v1", split: "train" }, max_steps: 15 },
    dataset_key: "demo@v1",
    evalset_key: null,
    model: "tiny-llama",
    tags: [],
    priority: 0,
    attempts: 1,
    worker_id: "vm:1:abc",
    lease_expires_at: null,
    heartbeat_at: null,
    exit_code: null,
    error: null,
    last_checkpoint: null,
    retry_of: null,
    created_at: "2026-01-02T03:04:05Z",
    started_at: "2026-01-02T03:04:06Z",
    finished_at: null,
    updated_at: "2026-01-02T03:04:06Z",
    url: `/api/runs/${id}`,
    ...overrides,
  };
}
