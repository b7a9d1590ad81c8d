// The example loop config the new-loop form starts from, with the starting run filled in when
// the page was opened from one (/loops/new?start=RUN).

/** Two rounds of rejection-sampling fine-tuning from a succeeded training run (docs/guides/evaluation.md). */
export function exampleLoop(start: string | null): string {
  return `# R rounds of: sample k answers per training prompt from the current model, keep the verified
# ones, fine-tune the current model on them, evaluate on the held-out eval set.
start: ${start ?? "RUN_ID          # a succeeded training run: the round-0 model"}
dataset: arith@v1           # its training split gives the prompts
evalset: arith-eval@v1      # every round is judged on it
rounds: 2
mix_previous: true          # each round trains on every round's verified traces so far
sampling: {k: 4, temperature: 0.8, max_tokens: 96}
training: {steps: 100}
evaluation: {max_new_tokens: 96}
`;
}
