import { Link } from "react-router-dom";
import type { RoundRead } from "../../../api/types";
import { formatP, formatRate } from "../api/rounds";

function RunLink({ id, label }: { id: string | null; label: string }) {
  return id ? <Link to={`/runs/${id}`}>{label}</Link> : <span className="muted">{label}</span>;
}

/** One row per round: its runs and dataset, held-out accuracy with its 95% interval, traces kept,
 * pass@1 and pass@k of the sampling, and the item-level test against round 0. */
export function RoundsTable({ rounds, k }: { rounds: RoundRead[]; k: number }) {
  return (
    <table className="traces" aria-label="Rounds">
      <thead>
        <tr>
          <th className="num">Round</th>
          <th>Status</th>
          <th className="num">Strict (95% CI)</th>
          <th className="num">Kept</th>
          <th className="num">pass@1</th>
          <th className="num">pass@{k}</th>
          <th>vs round 0</th>
          <th>Steps</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((round) => {
          const acc = round.strict_accuracy;
          const versus = round.versus_start;
          return (
            <tr key={round.round} aria-label={`Round ${round.round}`}>
              <td className="num">{round.round}</td>
              <td>
                {round.status}
                {round.error && <div className="bad small">{round.error}</div>}
              </td>
              <td className="num">
                {acc ? (
                  <>
                    {formatRate(acc.value)} <span className="muted small">[{formatRate(acc.low)}, {formatRate(acc.high)}]</span>
                  </>
                ) : (
                  "–"
                )}
              </td>
              <td className="num">{round.traces_kept ?? "–"}</td>
              <td className="num">{formatRate(round.pass_at_1)}</td>
              <td className="num">{formatRate(round.pass_at_k)}</td>
              <td>
                {versus ? (
                  <Link to={versus.ui}>
                    +{versus.fixed} −{versus.broken}, p {formatP(versus.mcnemar_p)}
                  </Link>
                ) : (
                  "–"
                )}
              </td>
              <td className="nowrap">
                {round.round > 0 && (
                  <>
                    <RunLink id={round.sample_run_id} label="sample" /> ·{" "}
                    {round.dataset_key ? <Link to={`/datasets/${encodeURIComponent(round.dataset_key)}`}>dataset</Link> : <span className="muted">dataset</span>} ·{" "}
                    <RunLink id={round.train_run_id} label="train" /> ·{" "}
                  </>
                )}
                <RunLink id={round.eval_run_id} label="eval" />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
