// The `train` kind's config (src/tunix_rt/training/config.py TrainConfig; not in the OpenAPI
// schema, where a run's config is an open object), the "new run" templates, and the checks the
// form runs before submitting. The server validates again and its 422 errors are shown per field.
import { parse, stringify } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type TrainConfig = { [key: string]: Json };

export const TINY_MODELS = ["tiny-llama", "tiny-llama-s", "tiny-llama-m"] as const;

export interface Template {
  id: "tiny" | "lora" | "grpo";
  label: string;
  description: string;
  config: (datasetKey: string) => TrainConfig;
}

export const TEMPLATES: Template[] = [
  {
    id: "tiny",
    label: "Tiny CPU demo",
    description: "Full fine-tune of tiny-llama for 15 steps on the CPU: done in well under a minute.",
    config: (key) => ({
      method: "sft",
      model: "tiny-llama",
      dataset: { key, split: "train" },
      lora: { full: true },
      optimizer: { lr: 0.0002 },
      max_steps: 15,
      batch_size: 4,
      max_seq_length: 128,
      logging_steps: 1,
      save_steps: 5,
      device: "cpu",
      seed: 0,
    }),
  },
  {
    id: "lora",
    label: "LoRA SFT",
    description: "Supervised fine-tuning with rank-8 adapters; one pass over the data.",
    config: (key) => ({
      method: "sft",
      model: "tiny-llama-s",
      dataset: { key, split: "train" },
      lora: { full: false, r: 8, alpha: 16, dropout: 0.05 },
      optimizer: { lr: 0.0002, warmup_steps: 10, decay: "cosine" },
      epochs: 1,
      batch_size: 8,
      max_seq_length: 512,
      logging_steps: 5,
      save_steps: 100,
      device: "auto",
      seed: 0,
    }),
  },
  {
    id: "grpo",
    label: "GRPO",
    description: "Reinforcement learning on format and correctness rewards, 4 samples per prompt.",
    config: (key) => ({
      method: "grpo",
      model: "tiny-llama",
      dataset: { key, split: "train" },
      lora: { full: false, r: 8, alpha: 16 },
      optimizer: { lr: 0.00001 },
      max_steps: 50,
      batch_size: 8,
      max_seq_length: 256,
      logging_steps: 1,
      save_steps: 25,
      device: "auto",
      seed: 0,
      grpo: {
        num_generations: 4,
        max_completion_length: 64,
        beta: 0,
        temperature: 1,
        rewards: [{ name: "format" }, { name: "correctness" }],
      },
    }),
  },
];

export function templateById(id: string | null): Template {
  return TEMPLATES.find((template) => template.id === id) ?? TEMPLATES[0]!;
}

export function getPath(config: TrainConfig, path: string): Json | undefined {
  let current: Json | undefined = config;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A copy with `path` set; `undefined` removes the member (the server's default applies). */
export function setPath(config: TrainConfig, path: string, value: Json | undefined): TrainConfig {
  const [head, ...rest] = path.split(".");
  const out: TrainConfig = { ...config };
  if (head === undefined) return out;
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = out[head];
  const base = typeof child === "object" && child !== null && !Array.isArray(child) ? child : {};
  out[head] = setPath(base, rest.join("."), value);
  return out;
}

export interface Issue {
  /** Dotted path inside the config ("dataset.key"), or "" for the whole config. */
  path: string;
  message: string;
}

const NUMBERS: [string, number][] = [
  ["max_steps", 1],
  ["batch_size", 1],
  ["gradient_accumulation_steps", 1],
  ["max_seq_length", 8],
  ["logging_steps", 1],
  ["save_steps", 1],
  ["eval_steps", 1],
  ["lora.r", 1],
  ["lora.alpha", 1],
  ["optimizer.warmup_steps", 0],
  ["grpo.num_generations", 2],
  ["grpo.max_completion_length", 1],
  ["grpo.rollouts_every", 1],
  ["grpo.alarms.window", 2],
];

/** The checks the server makes that the form can make first (required fields, ranges, the
 * combinations TrainConfig refuses), so most mistakes never leave the browser. */
export function validateTrainConfig(config: TrainConfig): Issue[] {
  const issues: Issue[] = [];
  const key = getPath(config, "dataset.key");
  if (typeof key !== "string" || !/^[a-z0-9][a-z0-9._-]{0,63}@v[1-9][0-9]{0,8}$/.test(key)) {
    issues.push({ path: "dataset.key", message: "pick a dataset (a key name@vN)" });
  }
  const model = getPath(config, "model");
  if (model !== undefined && (typeof model !== "string" || !model.trim())) issues.push({ path: "model", message: "a model id is needed" });
  for (const [path, min] of NUMBERS) {
    const value = getPath(config, path);
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      issues.push({ path, message: `a whole number, at least ${min}` });
    }
  }
  const lr = getPath(config, "optimizer.lr");
  if (lr !== undefined && (typeof lr !== "number" || lr <= 0 || lr > 1)) issues.push({ path: "optimizer.lr", message: "above 0, at most 1" });
  const epochs = getPath(config, "epochs");
  if (epochs !== undefined && epochs !== null && (typeof epochs !== "number" || epochs <= 0)) {
    issues.push({ path: "epochs", message: "above 0" });
  }
  if (epochs != null && getPath(config, "max_steps") != null) {
    issues.push({ path: "max_steps", message: "give epochs or max_steps, not both" });
  }
  if (getPath(config, "lora.full") === true && (getPath(config, "lora.r") != null || getPath(config, "lora.alpha") != null)) {
    issues.push({ path: "lora.full", message: "full fine-tuning trains every weight: leave lora.r and lora.alpha unset" });
  }
  const method = getPath(config, "method") ?? "sft";
  if (method !== "sft" && method !== "grpo") issues.push({ path: "method", message: "sft or grpo" });
  if (method !== "grpo" && getPath(config, "grpo") != null) {
    issues.push({ path: "grpo", message: "grpo settings are only used with method grpo" });
  }
  if (method === "grpo") {
    const generations = getPath(config, "grpo.num_generations") ?? 4;
    const batch = getPath(config, "batch_size") ?? 8;
    if (typeof generations === "number" && typeof batch === "number" && generations > 0 && batch % generations !== 0) {
      issues.push({ path: "batch_size", message: "a multiple of grpo.num_generations (whole groups per batch)" });
    }
  }
  if (getPath(config, "backend") === "jax") issues.push({ path: "backend", message: "the jax backend is not available yet (501)" });
  return issues;
}

/** A 422 field error's loc (["body", "config", "dataset", "key"]) as a config path. */
export function configPathOf(loc: (string | number)[] | undefined): string | null {
  if (!loc || loc[0] !== "body" || loc[1] !== "config") return null;
  return loc.slice(2).join(".");
}

export function toYaml(config: TrainConfig): string {
  return stringify(config);
}

/** YAML text as a config object, or the parse problem. */
export function fromYaml(text: string): { config: TrainConfig } | { error: string } {
  try {
    const value: unknown = parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { error: "the config must be a mapping (key: value lines)" };
    }
    return { config: value as TrainConfig };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
