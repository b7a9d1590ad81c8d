import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { toProblem } from "../../../api/problem";
import type { RolloutRead, RolloutSteps } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";
import type { Line } from "../api/align";
import { getRolloutSteps, listStepRollouts } from "../api/runApi";
import { POLL_MS, runKeys } from "../api/runQueries";
import { MetricChart } from "./MetricChart";

function value(number: number): string {
  return String(Number(number.toPrecision(3)));
}

/** Per-reward-component means per recorded step, with the total; and the mean length. */
function curves(steps: RolloutSteps["steps"]): { rewards: Line[]; length: Line[] } {
  const names = [...new Set(steps.flatMap((step) => Object.keys(step.rewards)))].sort();
  const series = (label: string, read: (step: RolloutSteps["steps"][number]) => number | undefined): Line => {
    const kept = steps.filter((step) => read(step) !== undefined);
    return { label, steps: kept.map((step) => step.step), values: kept.map((step) => read(step) as number) };
  };
  return {
    rewards: [...names.map((name) => series(name, (step) => step.rewards[name])), series("total", (step) => step.total)],
    length: [series("mean length (tokens)", (step) => step.length)],
  };
}

/** One prompt's group at one step: its completions side by side, each with its rewards. */
function Group({ rollouts }: { rollouts: RolloutRead[] }) {
  const first = rollouts[0];
  if (!first) return null;
  return (
    <div>
      <p className="muted small">
        prompt {first.group_index + 1}
        {first.answer !== null && <> · expected answer <code>{first.answer}</code></>}
      </p>
      <pre className="code">{first.prompt}</pre>
      <div className="grid" role="list" aria-label="Completions of the group">
        {rollouts.map((rollout) => (
          <article key={rollout.sample_index} className="panel" role="listitem" aria-label={`Completion ${rollout.sample_index + 1}`}>
            <dl className="facts compact">
              {Object.entries(rollout.rewards)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([name, reward]) => (
                  <div className="fact" key={name}><dt>{name}</dt><dd>{value(reward)}</dd></div>
                ))}
              <div className="fact"><dt>total</dt><dd>{value(rollout.total)}</dd></div>
              <div className="fact"><dt>advantage</dt><dd>{(rollout.advantage >= 0 ? "+" : "") + value(rollout.advantage)}</dd></div>
              <div className="fact"><dt>length</dt><dd>{rollout.length} tokens</dd></div>
            </dl>
            <pre className="code">{rollout.completion}</pre>
          </article>
        ))}
      </div>
    </div>
  );
}

/** A GRPO run's rollouts: the reward-hacking alarms, per-reward curves, and a step slider over
 * the recorded steps showing one prompt's group of completions side by side with their rewards.
 * Polled while the run is live; the latest step is shown until the slider is moved. */
export function RolloutsPanel({ runId, live }: { runId: string; live: boolean }) {
  const summary = useQuery({
    queryKey: [...runKeys.all, "rollout-steps", runId],
    queryFn: ({ signal }) => getRolloutSteps(runId, signal),
    refetchInterval: live ? POLL_MS : false,
    meta: { inlineErrors: true },
  });
  const steps = useMemo(() => summary.data?.steps ?? [], [summary.data]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [group, setGroup] = useState(0);
  const index = chosen === null ? steps.length - 1 : Math.min(chosen, steps.length - 1);
  const step = steps[index]?.step;
  const rollouts = useQuery({
    queryKey: [...runKeys.all, "rollouts", runId, step],
    queryFn: ({ signal }) => listStepRollouts(runId, step as number, signal),
    enabled: step !== undefined,
    meta: { inlineErrors: true },
  });
  const lines = useMemo(() => curves(steps), [steps]);
  const groups = useMemo(() => {
    const by = new Map<number, RolloutRead[]>();
    for (const rollout of rollouts.data?.items ?? []) by.set(rollout.group_index, [...(by.get(rollout.group_index) ?? []), rollout]);
    return [...by.entries()].sort(([a], [b]) => a - b);
  }, [rollouts.data]);

  if (summary.isPending) return <p className="muted">Loading the rollouts…</p>;
  if (summary.isError) return <ProblemView problem={toProblem(summary.error)} />;
  const { alarms, window } = summary.data;
  if (steps.length === 0) return <p className="muted">No rollouts recorded yet.</p>;
  const shown = groups.find(([index]) => index === group) ?? groups[0];
  return (
    <div>
      {alarms.length > 0 ? (
        <ul className="problems" aria-label="Reward-hacking alarms">
          {alarms.map((alarm) => (
            <li key={alarm.kind}>
              <strong>{alarm.kind.replaceAll("_", " ")}</strong> (steps {alarm.first_step}–{alarm.last_step}): {alarm.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No reward-hacking alarm over windows of {window} recorded steps.</p>
      )}
      <div className="grid">
        <MetricChart title="rewards per step" lines={lines.rewards} />
        <MetricChart title="completion length" lines={lines.length} />
      </div>
      <label>
        step {step} ({index + 1} of {steps.length} recorded){" "}
        <input
          type="range"
          aria-label="Step"
          min={0}
          max={steps.length - 1}
          value={index}
          onChange={(event) => setChosen(Number(event.target.value))}
        />
      </label>
      {rollouts.isError && <ProblemView problem={toProblem(rollouts.error)} />}
      {groups.length > 1 && (
        <p role="group" aria-label="Prompts of the step">
          {groups.map(([index]) => (
            <button key={index} type="button" aria-pressed={shown?.[0] === index} onClick={() => setGroup(index)}>
              prompt {index + 1}
            </button>
          ))}
        </p>
      )}
      {shown && <Group rollouts={shown[1]} />}
    </div>
  );
}
