import type { EvaluationRead } from "../../../api/types";
import { settingsOf } from "../api/scorecard";

/** What determined the evaluation's numbers (backend, versions, dtype, batch size, generation,
 * template, checker and judge versions, eval set hash): two evaluations rank and compare together
 * only when all of these match. */
export function SettingsPanel({ evaluation }: { evaluation: EvaluationRead }) {
  const rows = settingsOf(evaluation.scorecard);
  return (
    <details className="panel" aria-label="Settings">
      <summary>
        Settings{" "}
        <span className="muted small">
          {evaluation.settings_hash ? (
            <>
              fingerprint <code>{evaluation.settings_hash.slice(0, 12)}</code>: scores with the same one are comparable
            </>
          ) : (
            "not recorded"
          )}
        </span>
      </summary>
      {rows ? (
        <table className="counts" aria-label="Recorded settings">
          <thead>
            <tr>
              <th>Setting</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.setting}>
                <td>
                  <code>{row.setting}</code>
                </td>
                <td className="wrap-anywhere">{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          This evaluation was made before tunix-rt recorded the settings behind its numbers, so it is ranked and compared
          with others only when forced.
        </p>
      )}
    </details>
  );
}
