interface Props {
  title: string;
  /** Label -> count, drawn in the given order (histogram buckets) or by count (categories). */
  data: Record<string, number>;
  sortByCount?: boolean;
  /** Most bars shown; the rest are summed into one. */
  max?: number;
}

/** A small horizontal bar chart of counts, readable without colour (each bar has its number). */
export function BarChart({ title, data, sortByCount = false, max = 12 }: Props) {
  let entries = Object.entries(data);
  if (sortByCount) entries = entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length > max) {
    const rest = entries.slice(max - 1).reduce((sum, [, n]) => sum + n, 0);
    entries = [...entries.slice(0, max - 1), [`${entries.length - max + 1} more`, rest]];
  }
  const top = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <figure className="bars">
      <figcaption>{title}</figcaption>
      {entries.length === 0 ? (
        <p className="muted small">none</p>
      ) : (
        <table aria-label={title}>
          <tbody>
            {entries.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="bar-cell">
                  <span className="bar" style={{ width: `${(100 * n) / top}%` }} />
                </td>
                <td className="num">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
