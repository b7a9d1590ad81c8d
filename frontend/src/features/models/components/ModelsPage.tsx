import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { modelQueries } from "../api/modelQueries";
import { CursorPager } from "../../../app/CursorPager";

/** Registered models, a keyset page at a time, with their latest version and aliases. */
export function ModelsPage() {
  useDocumentTitle("Models");
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(modelQueries.list(cursor));
  const items = page.data?.items ?? [];
  return (
    <section>
      <h1>Models</h1>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load the models.</p>}
      {page.data && items.length === 0 && !cursor && (
        <p className="muted">
          No models yet. Open a succeeded training run in <Link to="/runs?status=succeeded">Runs</Link> and press “Promote” to register its
          model as a version.
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Models">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Versions</th>
              <th>Latest</th>
              <th>Aliases</th>
              <th>Description</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map((model) => (
              <tr key={model.name}>
                <td>
                  <Link to={`/models/${encodeURIComponent(model.name)}`}>{model.name}</Link>
                  {model.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </td>
                <td className="num">{model.version_count}</td>
                <td>
                  {model.latest ? <Link to={`/models/${encodeURIComponent(model.name)}?version=${encodeURIComponent(model.latest)}`}>{model.latest}</Link> : "–"}
                </td>
                <td>
                  {Object.entries(model.aliases).map(([alias, label]) => (
                    <span key={alias} className="tag" title={`@${alias} → ${label}`}>
                      @{alias} → {label}
                    </span>
                  ))}
                  {Object.keys(model.aliases).length === 0 && <span className="muted">–</span>}
                </td>
                <td>{model.description || <span className="muted">–</span>}</td>
                <td className="muted nowrap">{new Date(model.updated_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(next ? { cursor: next } : {}))} />
    </section>
  );
}
