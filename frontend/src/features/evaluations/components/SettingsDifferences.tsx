import type { SettingsDifference } from "../../../api/types";
import { settingText } from "../api/scorecard";

interface Props {
  differences: SettingsDifference[];
  /** Column heads for the two sides: "A" and "B" on a comparison, the groups' models on the leaderboard. */
  a?: string;
  b?: string;
  label?: string;
}

/** Exactly which determining settings differ between two evaluations (or two groups of them). */
export function SettingsDifferences({ differences, a = "A", b = "B", label = "Settings that differ" }: Props) {
  return (
    <table className="counts" aria-label={label}>
      <thead>
        <tr>
          <th>Setting</th>
          <th>{a}</th>
          <th>{b}</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((row) => (
          <tr key={row.setting}>
            <td>
              <code>{row.setting}</code>
            </td>
            <td className="wrap-anywhere">{settingText(row.a)}</td>
            <td className="wrap-anywhere">{settingText(row.b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
