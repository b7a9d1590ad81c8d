import type { AgreementReport } from "../../../api/types";
import { pct } from "../api/scorecard";

/** How far each judge (and the checker's strict and lenient verdicts) agrees with the people who
 * labelled this evaluation's items: accuracy, Cohen's kappa, the 2x2 counts, the disagreements. */
export function AgreementPanel({ report }: { report: AgreementReport }) {
  return (
    <div className="panel" aria-labelledby="agreement-title">
      <h2 id="agreement-title">Judges against your labels</h2>
      {report.labels === 0 ? (
        <p className="muted">
          No item is labelled correct or incorrect yet. Label items below (or with <code>tunix-rt eval label</code>) to see how far
          each judge agrees with people; a judge needs Cohen's kappa ≥ 0.6 on 30 labels before it may gate.
        </p>
      ) : (
        <table className="counts" aria-label="Agreement">
          <thead>
            <tr>
              <th>Judge</th>
              <th className="num">Labelled</th>
              <th className="num">Accuracy</th>
              <th className="num">Kappa</th>
              <th className="num">Both correct</th>
              <th className="num">Judge only</th>
              <th className="num">People only</th>
              <th className="num">Both incorrect</th>
              <th>Disagree on</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.judges).map(([name, found]) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{found.n}</td>
                <td className="num">{found.accuracy == null ? "–" : pct(found.accuracy)}</td>
                <td className="num">{found.kappa == null ? "–" : found.kappa.toFixed(2)}</td>
                <td className="num">{found.confusion.tp}</td>
                <td className="num">{found.confusion.fp}</td>
                <td className="num">{found.confusion.fn}</td>
                <td className="num">{found.confusion.tn}</td>
                <td className="small">{found.disagreements.map((d) => d.item_id).join(", ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
