import type { ArithmeticCheck, Step } from "../../../api/types";
import { StepContent } from "./StepContent";

interface Props {
  steps: Step[];
  checks: ArithmeticCheck[];
}

/** The steps as a numbered timeline: position, index, type, text with arithmetic marked. */
export function StepTimeline({ steps, checks }: Props) {
  return (
    <ol className="timeline" aria-label="Steps">
      {steps.map((step, position) => {
        const stepChecks = checks.filter((check) => check.step === step.i);
        const wrong = stepChecks.some((check) => !check.correct);
        return (
          <li key={step.i} id={`step-${step.i}`} className={wrong ? "timeline-step wrong" : "timeline-step"}>
            <div className="timeline-marker">{position + 1}</div>
            <div className="timeline-body">
              <div className="timeline-head">
                <span className="step-type">{step.type}</span>
                {step.i !== position && <span className="muted"> i={step.i}</span>}
                {wrong && <span className="badge bad">arithmetic error</span>}
              </div>
              <StepContent content={step.content} checks={stepChecks} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
