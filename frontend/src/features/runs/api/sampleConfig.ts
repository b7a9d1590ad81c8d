// The example sample-run config the new-sample form starts from (docs/guides/traces.md).

/** Rejection sampling: four answers per prompt of an eval set from an OpenAI-compatible endpoint. */
export const EXAMPLE_SAMPLE = `# k completions per prompt from a model; each is parsed into a trace, its answer verified,
# and kept by the policy (see "Sampled traces" in docs/guides/traces.md).
source: {evalset: arith-eval@v1}     # or {dataset: arith@v1, split: train, limit: 400}
model:
  endpoint: {base_url: http://127.0.0.1:8001/v1, model: teacher}   # api_key_env: X_API_KEY for a hosted API
  # or local: tiny-llama (a preset, a training run id, a model folder)
k: 4
params: {temperature: 0.8, max_tokens: 256, seed: 0}
policy: verified                     # verified | all | best_of_k
concurrency: 16
tags: [sampled]
`;
