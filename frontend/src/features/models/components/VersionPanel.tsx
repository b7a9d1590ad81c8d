import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { stringify } from "yaml";
import { PageButtons } from "../../../app/PageButtons";
import { useClientPage } from "../../../hooks/useClientPage";
import { modelQueries } from "../api/modelQueries";
import { size } from "./size";

function value(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** One version in full: metrics, provenance, training config, files (a page at a time). */
export function VersionPanel({ name, label }: { name: string; label: string }) {
  const query = useQuery(modelQueries.version(name, label));
  const files = useClientPage(query.data?.files ?? [], 20);
  if (query.isPending) return <p className="muted">Loading version…</p>;
  if (query.isError) return <p className="bad">Could not load version {label}.</p>;
  const version = query.data;
  const provenance = version.provenance;
  const metrics = Object.entries(version.metrics);
  return (
    <div className="panel" aria-labelledby="version-title">
      <h2 id="version-title">
        Version {version.label} <span className="muted small">({version.format})</span>
      </h2>
      {version.description && <p>{version.description}</p>}
      <div className="grid">
        <div>
          <h3>Metrics</h3>
          {metrics.length === 0 ? (
            <p className="muted small">none recorded at promotion (evaluate the source run, then promote again)</p>
          ) : (
            <dl className="facts compact" aria-label="Metrics">
              {metrics.map(([key, v]) => (
                <div className="fact" key={key}>
                  <dt>{key}</dt>
                  <dd>{value(v)}</dd>
                </div>
              ))}
            </dl>
          )}
          <h3>Provenance</h3>
          <dl className="facts compact" aria-label="Provenance">
            <div className="fact">
              <dt>source run</dt>
              <dd>{version.run_id ? <Link to={`/runs/${version.run_id}`}>{version.run_id}</Link> : <span className="muted">deleted</span>}</dd>
            </div>
            <div className="fact"><dt>content hash</dt><dd><code title={version.content_hash}>{version.content_hash.slice(0, 16)}…</code></dd></div>
            <div className="fact"><dt>size</dt><dd>{size(version.size)} in {version.file_count} files</dd></div>
          </dl>
          <pre className="code provenance">{stringify(provenance)}</pre>
        </div>
        <div>
          <h3>Training config</h3>
          <pre className="code config-yaml">{Object.keys(version.config).length ? stringify(version.config) : "(none)"}</pre>
          <h3>Files</h3>
          <table className="artifacts" aria-label={`Files of ${version.label}`}>
            <thead>
              <tr>
                <th>Path</th>
                <th className="num">Size</th>
                <th>sha256</th>
              </tr>
            </thead>
            <tbody>
              {files.rows.map((file) => (
                <tr key={file.path}>
                  <td>{file.path}</td>
                  <td className="num">{size(file.size)}</td>
                  <td><code title={file.sha256}>{file.sha256.slice(0, 12)}…</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageButtons page={files.page} pages={files.pages} onPage={files.setPage} label="files" />
        </div>
      </div>
    </div>
  );
}
