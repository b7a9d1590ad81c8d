// Response bodies shaped like the API's (typed by the generated schema), for component tests.
import type {
  DatasetRead,
  EvaluationItem,
  EvaluationRead,
  Health,
  LoopRead,
  ModelRead,
  RoundRead,
  RunRead,
  RunSummary,
  SweepRead,
  TraceRead,
  TraceStats,
  TrialRead,
  TraceSummary,
  VersionDetail,
  WorkerSummary,
} from "../api/types";
import type { EvaluationCompare } from "../features/evaluations/api/evaluationApi";

export function healthBody(overrides: Partial<Health> = {}): Health {
  return {
    status: "ok",
    version: "0.1.0",
    database: { dialect: "sqlite", ok: true, revision: "0003", head: "0003" },
    extras: { postgres: true, torch: false, jax: false, ray: false },
    worker: { embedded: true, alive: true, errors: 0, queued: 0, live_workers: 1 },
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
    name: null,
    notes: null,
    status: "running",
    config: { method: "sft", model: "tiny-llama", dataset: { key: "demo@v1", split: "train" }, max_steps: 15 },
    dataset_key: "demo@v1",
    evalset_key: null,
    model: "tiny-llama",
    tags: [],
    priority: 0,
    devices: 1,
    attempts: 1,
    worker_id: "vm:1:abc",
    lease_expires_at: null,
    heartbeat_at: null,
    exit_code: null,
    error: null,
    last_checkpoint: null,
    retry_of: null,
    parent_id: null,
    resumable: false,
    created_at: "2026-01-02T03:04:05Z",
    started_at: "2026-01-02T03:04:06Z",
    finished_at: null,
    updated_at: "2026-01-02T03:04:06Z",
    url: `/api/runs/${id}`,
    ...overrides,
  };
}

export function workerBody(overrides: Partial<WorkerSummary> = {}): WorkerSummary {
  return {
    id: "vm:1:abc",
    hostname: "vm",
    pid: 1,
    concurrency: 1,
    devices: 1,
    started_at: "2026-01-02T03:00:00Z",
    heartbeat_at: "2026-01-02T03:04:05Z",
    heartbeat_age_seconds: 2,
    alive: true,
    ...overrides,
  };
}

export function runSummaryBody(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    by_status: { queued: 0, running: 0, cancel_requested: 0, succeeded: 0, failed: 0, cancelled: 0 },
    queued_by_kind: {},
    workers: [workerBody()],
    lease_seconds: 30,
    generated_at: "2026-01-02T03:04:07Z",
    ...overrides,
  };
}

export const EVAL_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
export const EVAL_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
export const TRAIN = "11111111-1111-4111-8111-111111111111";

function rate(hits: number, n: number) {
  return { value: n ? hits / n : 0, hits, n, low: Math.max(0, hits / n - 0.1), high: Math.min(1, hits / n + 0.1) };
}

export function evaluationBody(overrides: Partial<EvaluationRead> = {}): EvaluationRead {
  return {
    run_id: EVAL_A,
    evalset_key: "arith-eval@v1",
    dataset_key: "demo@v1",
    model: `run:${TRAIN}`,
    source_run_id: TRAIN,
    primary_metric: "strict_accuracy",
    primary_score: 0.5,
    strict_accuracy: 0.5,
    lenient_accuracy: 0.6,
    format_compliance: 0.9,
    n_items: 10,
    judges: [{ name: "math", version: "1" }, { name: "format", version: "1" }],
    created_at: "2026-01-02T03:04:05Z",
    scorecard: {
      n_items: 10,
      strict_accuracy: rate(5, 10),
      lenient_accuracy: rate(6, 10),
      format_compliance: rate(9, 10),
      mean_output_tokens: 31.5,
      truncation_rate: 0.1,
      breakdowns: {
        category: { addition: { n: 6, strict: rate(4, 6) }, division: { n: 4, strict: rate(1, 4) } },
        difficulty: {},
        section: {},
      },
      judges: { math: { ...rate(5, 10), version: "1" } },
      failures: { truncated: 1, arithmetic_slip: 3, wrong_final_answer: 1 },
      primary_metric: "strict_accuracy",
      primary_score: 0.5,
      settings: {
        backend: "torch",
        packages: { torch: "2.13.0", transformers: "4.57.1" },
        dtype: "float32",
        batch_size: 16,
        sampling: { temperature: 0 },
        evalset: { key: "arith-eval@v1", items: 10 },
      },
    },
    settings_hash: "3f2a9c41d5e6b7a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6",
    ...overrides,
  };
}

export function evalItemBody(n: number, overrides: Partial<EvaluationItem> = {}): EvaluationItem {
  const strict = n % 2 === 0;
  return {
    item_id: `item-${n}`,
    section: null,
    category: n % 3 === 0 ? "division" : "addition",
    difficulty: null,
    expected_answer: String(n),
    output: `<reasoning>${n} steps</reasoning><answer>${strict ? n : n + 1}</answer>`,
    extracted_answer: String(strict ? n : n + 1),
    strict,
    lenient: strict,
    format_ok: true,
    failure: strict ? null : n % 4 === 1 ? "arithmetic_slip" : "truncated",
    reasoning_tokens: 2,
    judges: {},
    ...overrides,
  };
}

export function compareBody(overrides: Partial<EvaluationCompare> = {}): EvaluationCompare {
  const side = (strict: boolean, answer: string) => ({
    output: `<answer>${answer}</answer>`,
    extracted_answer: answer,
    strict,
    lenient: strict,
    format_ok: true,
    failure: strict ? null : "wrong_final_answer",
    judges: {},
  });
  return {
    a: EVAL_A,
    b: EVAL_B,
    metric: "strict",
    evalset: "arith-eval@v1",
    paired: 3,
    counts: { fixed: 1, broken: 1, both_right: 1, both_wrong: 0 },
    a_accuracy: 2 / 3,
    b_accuracy: 2 / 3,
    mcnemar_p: 1,
    settings_differences: [],
    categories: { addition: { n: 3, a: 2 / 3, b: 2 / 3, delta: 0 } },
    items: [
      { id: "q-fixed", category: "addition", expected_answer: "4", outcome: "fixed", a: side(false, "5"), b: side(true, "4") },
      { id: "q-broken", category: "addition", expected_answer: "6", outcome: "broken", a: side(true, "6"), b: side(false, "7") },
      { id: "q-same", category: "addition", expected_answer: "8", outcome: "both_right", a: side(true, "8"), b: side(true, "8") },
    ],
    ...overrides,
  };
}

export function modelBody(overrides: Partial<ModelRead> = {}): ModelRead {
  return {
    name: "tiny-arith",
    description: "tiny arithmetic model",
    tags: [],
    aliases: { champion: "v1" },
    version_count: 2,
    latest: "v2",
    created_at: "2026-01-02T03:04:05Z",
    updated_at: "2026-01-02T03:04:05Z",
    ...overrides,
  };
}

export function versionBody(label = "v1", overrides: Partial<VersionDetail> = {}): VersionDetail {
  return {
    model: "tiny-arith",
    label,
    number: Number(label.slice(1)) || 1,
    description: "",
    run_id: TRAIN,
    format: "full",
    content_hash: "ef".repeat(32),
    size: 2_500_000,
    file_count: 3,
    metrics: { strict_accuracy: 0.5 },
    config: { method: "sft", max_steps: 15 },
    provenance: { dataset: { key: "demo@v1", sha256: "aa".repeat(32) }, base_model: "tiny-llama" },
    aliases: label === "v1" ? ["champion"] : [],
    created_at: "2026-01-02T03:04:05Z",
    archive_url: `/api/models/tiny-arith/versions/${label}/archive`,
    files: [{ path: "model.safetensors", size: 2_400_000, sha256: "12".repeat(32) }],
    ...overrides,
  };
}

export const SWEEP_ID = "55555555-5555-4555-8555-555555555555";

export function trialBody(n: number, overrides: Partial<TrialRead> = {}): TrialRead {
  return {
    trial_id: `t${n}`,
    params: { "optimizer.lr": n / 1000, "lora.r": 4 * n },
    status: "succeeded",
    objective: n / 10,
    last_loss: (20 - n) / 10,
    train_run_id: `${n}0000000-0000-4000-8000-000000000001`,
    eval_run_id: `${n}0000000-0000-4000-8000-000000000002`,
    error: null,
    ...overrides,
  };
}

/** A sweep of three trials: t1 and t3 succeeded (t3 best, max), t2 failed. */
export function sweepBody(overrides: Partial<SweepRead> = {}): SweepRead {
  const trials = [trialBody(1), trialBody(2, { status: "failed", objective: null, eval_run_id: null, error: "CUDA out of memory" }), trialBody(3)];
  const config: SweepRead["config"] = {
    base: {
      backend: "torch",
      batch_size: 8,
      dataset: { key: "arith@v1", split: "train" },
      device: "cpu",
      dtype: "auto",
      gradient_accumulation_steps: 1,
      logging_steps: 2,
      max_seq_length: 256,
      max_steps: 10,
      merge: true,
      method: "sft",
      model: "tiny-llama",
      packing: false,
      save_steps: 500,
      seed: 0,
    },
    space: { "optimizer.lr": { type: "loguniform", low: 1e-4, high: 3e-3 }, "lora.r": { type: "choice", values: [4, 8, 12] } },
    objective: { evalset: "arith-eval@v1", metric: "strict_accuracy", mode: "max", batch_size: 16, max_new_tokens: 128 },
    search: { type: "random", seed: 0 },
    trials: 4,
    concurrency: 1,
  };
  return {
    run: runBody({ id: SWEEP_ID, kind: "sweep", status: "running", model: "tiny-llama", tags: ["lr-search"], config }),
    config,
    objective: "strict_accuracy (max)",
    trials,
    best: trials[2]!,
    table: {
      columns: [
        { name: "optimizer.lr", role: "param", type: "number" },
        { name: "lora.r", role: "param", type: "number" },
        { name: "strict_accuracy", role: "objective", type: "number" },
      ],
      rows: trials.map((trial) => ({
        trial_id: trial.trial_id,
        status: trial.status,
        values: { ...trial.params, ...(trial.objective === null ? {} : { strict_accuracy: trial.objective }) },
      })),
    },
    ...overrides,
  };
}

export const LOOP_ID = "77777777-7777-4777-8777-777777777777";

/** Round ``n`` of a loop: round 0 has only its evaluation; later rounds a sample, dataset and
 * training run, and (once evaluated) a test against round 0. */
export function roundBody(n: number, { strict = 0.1 * (n + 1), ...overrides }: Partial<RoundRead> & { strict?: number | null } = {}): RoundRead {
  const hits = strict === null ? 0 : Math.round(strict * 200);
  return {
    round: n,
    status: "succeeded",
    sample_run_id: n === 0 ? null : `${n}1000000-0000-4000-8000-000000000001`,
    dataset_key: n === 0 ? null : `loop-77777777@v${n}`,
    train_run_id: n === 0 ? null : `${n}2000000-0000-4000-8000-000000000002`,
    eval_run_id: `${n}3000000-0000-4000-8000-000000000003`,
    traces_kept: n === 0 ? null : 100 * n,
    pass_at_1: n === 0 ? null : 0.1 * n,
    pass_at_k: n === 0 ? null : 0.2 * n,
    strict_accuracy: strict === null ? null : { value: strict, hits, n: 200, low: strict - 0.04, high: strict + 0.04 },
    versus_start:
      n === 0 || strict === null
        ? null
        : { paired_items: 200, fixed: 10 * n, broken: 2, mcnemar_p: n === 1 ? 0.0312 : 4.2e-6, ui: `/evaluations/compare?a=03000000&b=${n}3000000` },
    error: null,
    ...overrides,
  };
}

/** A loop of two rounds after round 0, round 2 still training. */
export function loopBody(overrides: Partial<LoopRead> = {}): LoopRead {
  const config: LoopRead["config"] = {
    start: "66666666-6666-4666-8666-666666666666",
    dataset: "arith@v1",
    evalset: "arith-eval@v1",
    rounds: 2,
    mix_previous: true,
    steps_checked: false,
    sampling: { k: 4, temperature: 0.8, prompts: 600, max_tokens: 96 },
    training: { steps: 100, lr: 0.001, batch_size: null },
    evaluation: { batch_size: 100, max_new_tokens: 96 },
    seed: 0,
  };
  return {
    run: runBody({ id: LOOP_ID, kind: "loop", status: "running", dataset_key: "arith@v1", evalset_key: "arith-eval@v1", config }),
    config,
    rounds: [roundBody(0), roundBody(1), roundBody(2, { status: "running", strict: null, eval_run_id: null })],
    ...overrides,
  };
}
