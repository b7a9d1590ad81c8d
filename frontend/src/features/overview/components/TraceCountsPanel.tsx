import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { Unavailable } from "../../../app/Unavailable";
import { traceQueries } from "../../traces/api/traceQueries";
import { filtersToSearch } from "../../traces/api/traceFilters";

const TOP = 8;

function CountTable({ title, counts, link }: { title: string; counts: Record<string, number>; link: (key: string) => string }) {
  const all = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const rows = all.slice(0, TOP);
  const rest = all.slice(TOP).reduce((sum, [, count]) => sum + count, 0);
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <table className="counts">
          <tbody>
            {rows.map(([key, count]) => (
              <tr key={key}>
                {/* "unknown" is the server's bucket for a missing value: no filter selects it */}
                <td>{key === "unknown" ? <span className="muted">{key}</span> : <Link to={link(key)}>{key}</Link>}</td>
                <td className="num">{count.toLocaleString()}</td>
              </tr>
            ))}
            {rest > 0 && (
              <tr>
                <td className="muted">{all.length - TOP} more</td>
                <td className="num muted">{rest.toLocaleString()}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Trace counts from GET /api/traces/stats, each linking to the matching filtered list; what to do
 * when they cannot be had (a server that wants a token) in their place. */
export function TraceCountsPanel() {
  const { data: stats, isPending, error } = useQuery({ ...traceQueries.stats({}), meta: { inlineErrors: true } });
  return (
    <div className="panel" aria-labelledby="traces-title">
      <h2 id="traces-title">Traces</h2>
      {isPending && <p className="muted">Loading…</p>}
      {error && !stats && <Unavailable what="Trace counts" error={error} />}
      {stats && (
        <>
          <div className="big-numbers">
            <Link to="/traces" className="big-number">
              <span className="value" data-testid="total-traces">
                {stats.total.toLocaleString()}
              </span>
              <span className="label">traces</span>
            </Link>
            <Link to={`/traces?${filtersToSearch({ quality: "flagged" })}`} className="big-number">
              <span className={stats.flagged ? "value bad" : "value"}>{stats.flagged.toLocaleString()}</span>
              <span className="label">flagged</span>
            </Link>
            <div className="big-number">
              <span className="value">
                {stats.steps.min ?? "–"} / {stats.steps.mean ?? "–"} / {stats.steps.max ?? "–"}
              </span>
              <span className="label">steps min / mean / max</span>
            </div>
          </div>
          <div className="grid three">
            <CountTable title="By source" counts={stats.by_source} link={(source) => `/traces?${filtersToSearch({ source })}`} />
            <CountTable
              title="By category"
              counts={stats.by_category}
              link={(category) => `/traces?${filtersToSearch({ meta: { category } })}`}
            />
            <CountTable title="Quality flags" counts={stats.by_flag} link={(flag) => `/traces?${filtersToSearch({ flag })}`} />
          </div>
        </>
      )}
    </div>
  );
}
