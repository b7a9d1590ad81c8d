import type { GroupScore } from "../api/scorecard";
import { pct } from "../api/scorecard";

interface Props {
  title: string;
  groups: Record<string, GroupScore>;
  /** Most groups shown (largest first); the rest are counted. */
  max?: number;
}

/** Strict accuracy per group as bars with their 95% interval and counts (readable without colour). */
export function AccuracyBars({ title, groups, max = 12 }: Props) {
  const all = Object.entries(groups).sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const rows = all.slice(0, max);
  return (
    <figure className="bars">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted small">none</p>
      ) : (
        <table aria-label={title}>
          <tbody>
            {rows.map(([label, group]) => {
              const strict = group.strict;
              return (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="bar-cell">
                    <span className="bar-track">
                      <span className="bar" style={{ width: `${100 * (strict?.value ?? 0)}%` }} />
                      {strict && !Number.isNaN(strict.low) && (
                        <span
                          className="bar-ci"
                          style={{ left: `${100 * strict.low}%`, width: `${100 * Math.max(0, strict.high - strict.low)}%` }}
                          title={`95% interval ${pct(strict.low)} – ${pct(strict.high)}`}
                        />
                      )}
                    </span>
                  </td>
                  <td className="num nowrap">
                    {pct(strict?.value)} <span className="muted">({strict ? `${strict.hits}/${strict.n}` : group.n})</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {all.length > max && <p className="muted small">and {all.length - max} smaller groups</p>}
    </figure>
  );
}
