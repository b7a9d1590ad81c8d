import type { EvaluationRead } from "../../../api/types";
import { judgesOf, numberOf, pct, rateOf, reasoningOf, samplingOf, type Rate } from "../api/scorecard";

function RateCell({ label, rate, primary }: { label: string; rate: Rate | undefined; primary: boolean }) {
  return (
    <div className={`big-number${primary ? " primary" : ""}`}>
      <span className="value">{pct(rate?.value)}</span>
      <span className="label">
        {label}
        {primary && " (primary)"}
      </span>
      {rate && !Number.isNaN(rate.low) && (
        <span className="muted small">
          {rate.hits}/{rate.n} · 95% CI {pct(rate.low)}–{pct(rate.high)}
        </span>
      )}
    </div>
  );
}

/** The headline numbers of an evaluation: accuracies with their intervals, format, length, judges. */
export function ScorecardPanel({ evaluation }: { evaluation: EvaluationRead }) {
  const card = evaluation.scorecard;
  const judges = judgesOf(card);
  const truncation = numberOf(card, "truncation_rate");
  const tokens = numberOf(card, "mean_output_tokens");
  const reasoning = reasoningOf(card);
  const sampling = samplingOf(card);
  return (
    <div className="panel" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">Scorecard</h2>
      <div className="big-numbers">
        <RateCell label="strict accuracy" rate={rateOf(card.strict_accuracy)} primary={evaluation.primary_metric === "strict_accuracy"} />
        <RateCell label="lenient accuracy" rate={rateOf(card.lenient_accuracy)} primary={evaluation.primary_metric === "lenient_accuracy"} />
        <RateCell label="format compliance" rate={rateOf(card.format_compliance)} primary={evaluation.primary_metric === "format_compliance"} />
        <div className="big-number">
          <span className="value">{pct(truncation)}</span>
          <span className="label">truncated</span>
          <span className="muted small">{tokens === undefined ? "–" : `${tokens.toFixed(1)} tokens per output`}</span>
        </div>
        {reasoning && (
          <div className="big-number">
            <span className="value">{reasoning.meanTokens.toFixed(1)}</span>
            <span className="label">reasoning tokens (mean)</span>
            <span className="muted small">
              median {reasoning.medianTokens.toFixed(1)} · max {reasoning.maxTokens} · {reasoning.items} items · {pct(reasoning.incompleteRate)} incomplete
            </span>
          </div>
        )}
      </div>
      {sampling && (
        <table className="counts sampling" aria-label="Sampling">
          <caption className="muted small">
            {sampling.samples} samples per item; strict correctness; 95% bootstrap intervals over items
          </caption>
          <thead>
            <tr>
              <th>Score</th>
              <th className="num">Value</th>
              <th className="num">95% interval</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...sampling.passAt.map(([k, score]) => [`pass@${k}`, score] as const),
              [`maj@${sampling.samples}`, sampling.majAtK] as const,
              ["mean agreement", sampling.meanAgreement] as const,
            ].map(([name, score]) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{pct(score.value)}</td>
                <td className="num">
                  {pct(score.low)}–{pct(score.high)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {Object.keys(judges).length > 0 && (
        <table className="counts judges" aria-label="Judges">
          <thead>
            <tr>
              <th>Judge</th>
              <th className="num">Accuracy</th>
              <th className="num">Decided</th>
              <th>Version</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(judges).map(([name, rate]) => (
              <tr key={name}>
                <td>
                  {name}
                  {evaluation.primary_metric === `judge:${name}` && <span className="muted"> (primary)</span>}
                </td>
                <td className="num">{pct(rate.value)}</td>
                <td className="num">{rate.n}</td>
                <td className="muted">{rate.version ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
