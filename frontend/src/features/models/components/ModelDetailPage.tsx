import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { DownloadLink } from "../../../app/DownloadLink";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { NAME_PATTERN } from "../api/modelApi";
import { modelQueries } from "../api/modelQueries";
import { useDeleteAlias, useSetAlias } from "../hooks/useModelMutations";
import { size } from "./size";
import { VersionPanel } from "./VersionPanel";

function metricSummary(metrics: Record<string, unknown>): string {
  const entries = Object.entries(metrics).filter(([, v]) => typeof v === "number").slice(0, 3);
  return entries.map(([key, v]) => `${key} ${Number((v as number).toPrecision(3))}`).join(" · ");
}

/** One model: its versions (metrics, provenance, download), its aliases (set, move, remove);
 * ?version= opens one version in full. */
export function ModelDetailPage() {
  const name = useParams().name ?? "";
  const [params, setParams] = useSearchParams();
  const model = useQuery(modelQueries.detail(name));
  const versions = useQuery({ ...modelQueries.versions(name), enabled: model.isSuccess });
  const setAlias = useSetAlias(name);
  const deleteAlias = useDeleteAlias(name);
  const [alias, setAliasDraft] = useState({ name: "", version: "" });
  useDocumentTitle(`Model ${name}`);
  const list = versions.data?.items ?? [];
  const chosen = params.get("version") ?? model.data?.latest ?? "";

  function submitAlias(event: FormEvent) {
    event.preventDefault();
    setAlias.mutate({ alias: alias.name.trim(), version: alias.version || list[0]?.label || "" }, { onSuccess: () => setAliasDraft({ name: "", version: "" }) });
  }

  if (model.isPending) return <p className="muted">Loading model…</p>;
  if (model.isError) {
    return (
      <section>
        <h1>Model {name}</h1>
        <ProblemView problem={toProblem(model.error)} />
        <p>
          <Link to="/models">Back to the models</Link>
        </p>
      </section>
    );
  }
  const aliases = Object.entries(model.data.aliases);
  return (
    <section>
      <h1>Model {name}</h1>
      {model.data.description && <p>{model.data.description}</p>}
      <div className="panel">
        <h2>Versions</h2>
        {versions.isPending && <p className="muted">Loading…</p>}
        {versions.data && list.length === 0 && <p className="muted">No versions.</p>}
        {list.length > 0 && (
          <table className="counts versions" aria-label="Versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Format</th>
                <th>Metrics</th>
                <th>Source run</th>
                <th>Aliases</th>
                <th className="num">Size</th>
                <th>Promoted</th>
                <th>Download</th>
              </tr>
            </thead>
            <tbody>
              {list.map((version) => (
                <tr key={version.label} className={version.label === chosen ? "chosen" : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-pressed={version.label === chosen}
                      onClick={() => setParams(new URLSearchParams({ version: version.label }), { replace: true })}
                    >
                      {version.label}
                    </button>
                  </td>
                  <td>{version.format}</td>
                  <td className="small">{metricSummary(version.metrics) || <span className="muted">–</span>}</td>
                  <td>{version.run_id ? <Link to={`/runs/${version.run_id}`}><code>{version.run_id.slice(0, 8)}</code></Link> : "–"}</td>
                  <td>
                    {version.aliases.map((a) => (
                      <span key={a} className="tag">
                        @{a}
                      </span>
                    ))}
                  </td>
                  <td className="num">{size(version.size)}</td>
                  <td className="muted nowrap">{new Date(version.created_at).toLocaleString()}</td>
                  <td>
                    <DownloadLink href={version.archive_url} filename={`${name}-${version.label}.tar`} label={`Download ${name} ${version.label} as a tar`}>
                      .tar
                    </DownloadLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>Aliases</h2>
        {aliases.length === 0 ? (
          <p className="muted small">No aliases: name a version (e.g. champion) so deployments can ask for {name}@champion.</p>
        ) : (
          <ul className="inline-list" aria-label="Aliases">
            {aliases.map(([aliasName, label]) => (
              <li key={aliasName} className="tag">
                @{aliasName} → {label}
                <button type="button" className="link" aria-label={`Remove alias ${aliasName}`} disabled={deleteAlias.isPending} onClick={() => deleteAlias.mutate(aliasName)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="row alias-form" onSubmit={submitAlias} aria-label="Set an alias">
          <label>
            Alias
            <input value={alias.name} onChange={(e) => setAliasDraft({ ...alias, name: e.target.value })} placeholder="champion" aria-invalid={(alias.name !== "" && !NAME_PATTERN.test(alias.name.trim())) || undefined} />
          </label>
          <label>
            Points at
            <select value={alias.version || list[0]?.label || ""} onChange={(e) => setAliasDraft({ ...alias, version: e.target.value })}>
              {list.map((version) => (
                <option key={version.label} value={version.label}>
                  {version.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!NAME_PATTERN.test(alias.name.trim()) || list.length === 0 || setAlias.isPending}>
            Set alias
          </button>
        </form>
        {setAlias.isError && (
          <div className="form-error">
            <ProblemView problem={toProblem(setAlias.error)} />
          </div>
        )}
        {setAlias.data?.previous && (
          <p className="muted small" role="status">
            @{setAlias.data.name} moved from {setAlias.data.previous} to {setAlias.data.version}.
          </p>
        )}
      </div>
      {chosen && <VersionPanel name={name} label={chosen} />}
    </section>
  );
}
