// The example sweep config the new-sweep form starts from (the form itself: app/YamlConfigForm).

/** A small sweep of the offline tiny preset (examples/sweep.yaml, cut down): 4 short trials. */
export const EXAMPLE_SWEEP = `# A sweep over the learning rate and LoRA rank of a short tiny-preset fine-tune,
# scored by the strict accuracy of each trial's evaluation (see docs/guides/sweeps.md).
base:
  dataset: {key: arith@v1}
  model: tiny-llama
  max_steps: 10
  batch_size: 8
  logging_steps: 2
  device: cpu
space:
  optimizer.lr: {type: loguniform, low: 1.0e-4, high: 3.0e-3}
  lora.r: {type: choice, values: [4, 8, 16]}
objective:
  evalset: arith-eval@v1
  metric: strict_accuracy
  mode: max
  limit: 32
search: {type: random, seed: 0}
scheduler: {type: fifo}
trials: 4
concurrency: 1
resources: {cpu: 1, gpu: 0}
`;
