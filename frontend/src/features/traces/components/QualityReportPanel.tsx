import type { QualityReport, Step } from "../../../api/types";
import { QualityBadges } from "./QualityBadges";

/** The automatic quality report: verdict, sizes, and every computation found with its check. */
export function QualityReportPanel({ report, steps }: { report: QualityReport; steps: Step[] }) {
  const { stats } = report;
  // Numbered as in the timeline (1-based position), linking to the step by its index.
  const number = (i: number) => steps.findIndex((step) => step.i === i) + 1 || i;
  return (
    <div className="panel" aria-labelledby="quality-title">
      <h2 id="quality-title">Quality</h2>
      <QualityBadges ok={report.ok} flags={report.flags} />
      <dl className="facts compact">
        <dt>Steps</dt>
        <dd>{stats.step_count}</dd>
        <dt>Prompt / answer</dt>
        <dd>
          {stats.prompt_chars} / {stats.answer_chars} chars
        </dd>
        <dt>Step text</dt>
        <dd>
          {stats.step_chars_total} chars, longest {stats.step_chars_max}
        </dd>
        <dt>Arithmetic</dt>
        <dd>
          {stats.arithmetic_checked} checked,{" "}
          <span className={stats.arithmetic_wrong ? "bad" : undefined}>{stats.arithmetic_wrong} wrong</span>
        </dd>
      </dl>
      {report.arithmetic.length > 0 && (
        <table className="checks">
          <thead>
            <tr>
              <th>Step</th>
              <th>Computation</th>
              <th>Stated</th>
              <th>Expected</th>
            </tr>
          </thead>
          <tbody>
            {report.arithmetic.map((check, index) => (
              <tr key={index} className={check.correct ? undefined : "wrong"}>
                <td>
                  <a href={`#step-${check.step}`}>{number(check.step)}</a>
                </td>
                <td>
                  <code>{check.expression}</code>
                </td>
                <td>
                  <code>{check.stated}</code>
                </td>
                <td>
                  <code>{check.expected}</code> {check.correct ? "✓" : "✗"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
