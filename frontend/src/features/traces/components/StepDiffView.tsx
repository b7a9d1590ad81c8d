import type { ArithmeticCheck, Step, StepDiffRun } from "../../../api/types";
import { StepContent } from "./StepContent";

interface Props {
  runs: StepDiffRun[];
  checksA: ArithmeticCheck[];
  checksB: ArithmeticCheck[];
}

function StepCell({ step, checks, side }: { step: Step | undefined; checks: ArithmeticCheck[]; side: string }) {
  if (!step) return <td className="diff-empty" />;
  return (
    <td className={`diff-cell ${side}`}>
      <span className="step-type">{step.type}</span>{" "}
      <StepContent content={step.content} checks={checks.filter((check) => check.step === step.i)} />
    </td>
  );
}

const LABELS: Record<StepDiffRun["op"], string> = {
  equal: "same",
  replace: "changed",
  insert: "only in B",
  delete: "only in A",
};

/** The step diff, side by side: equal runs plain, replaced pairs red/green, inserts and deletes on one side. */
export function StepDiffView({ runs, checksA, checksB }: Props) {
  const count = (op: StepDiffRun["op"]) =>
    runs.filter((run) => run.op === op).reduce((n, run) => n + Math.max(run.a.length, run.b.length), 0);
  return (
    <div>
      <p className="diff-summary">
        {count("equal")} same · {count("replace")} changed · {count("delete")} only in A · {count("insert")} only in B
      </p>
      <table className="diff" aria-label="Step diff">
        <thead>
          <tr>
            <th />
            <th>A</th>
            <th>B</th>
          </tr>
        </thead>
        <tbody>
          {runs.flatMap((run, r) =>
            Array.from({ length: Math.max(run.a.length, run.b.length) }, (_, k) => (
              <tr key={`${r}-${k}`} className={`diff-${run.op}`} data-op={run.op}>
                <td className="diff-op">{k === 0 ? LABELS[run.op] : ""}</td>
                <StepCell step={run.a[k]} checks={checksA} side={run.op === "equal" ? "" : "side-a"} />
                <StepCell step={run.b[k]} checks={checksB} side={run.op === "equal" ? "" : "side-b"} />
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
