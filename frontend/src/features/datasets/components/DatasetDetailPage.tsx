import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { DownloadLink } from "../../../app/DownloadLink";
import { EXPORT_FORMATS, EXPORT_SPLITS, exportUrl } from "../api/datasetApi";
import { datasetQueries } from "../api/datasetQueries";
import { useDeleteDataset } from "../hooks/useDatasetMutations";
import { BarChart } from "./BarChart";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

type Counts = Record<string, number>;

interface SplitStats {
  count?: number;
  prompt_tokens?: Counts;
  completion_tokens?: Counts;
  step_counts?: Counts;
  categories?: Counts;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** One dataset version: manifest facts, stats per split, exports per format and split, delete. */
export function DatasetDetailPage() {
  const key = useParams().datasetKey ?? "";
  useDocumentTitle(`Dataset ${key}`);
  const query = useQuery(datasetQueries.detail(key));
  const remove = useDeleteDataset();
  const navigate = useNavigate();

  if (query.isPending) return <p className="muted">Loading dataset…</p>;
  if (query.isError) {
    return (
      <section>
        <h1>Dataset {key}</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          <Link to="/datasets">Back to the datasets</Link>
        </p>
      </section>
    );
  }
  const dataset = query.data;
  const manifest = dataset.manifest;
  const counts = asRecord(manifest.counts);
  const sha = asRecord(manifest.sha256);
  const stats = asRecord(manifest.stats) as Record<string, SplitStats>;
  const transforms = asRecord(manifest.transforms);

  function onDelete() {
    if (!window.confirm(`Delete ${dataset.key}? Its snapshot is removed too.`)) return;
    remove.mutate(dataset.key, { onSuccess: () => navigate("/datasets") });
  }

  return (
    <section>
      <div className="page-head">
        <h1>Dataset {dataset.key}</h1>
        <div className="row">
          <Link className="button" to={`/runs/new?dataset=${encodeURIComponent(dataset.key)}`}>
            Train on it
          </Link>
          <Link to={`/datasets/diff?a=${encodeURIComponent(dataset.key)}`}>Diff with…</Link>
          <button type="button" className="danger" onClick={onDelete} disabled={remove.isPending}>
            Delete
          </button>
        </div>
      </div>
      {dataset.description && <p>{dataset.description}</p>}
      <div className="grid">
        <div className="panel">
          <h2>Manifest</h2>
          <dl className="facts compact">
            <div className="fact">
              <dt>items</dt>
              <dd data-testid="item-count">{dataset.item_count}</dd>
            </div>
            {Object.entries(counts).map(([name, value]) => (
              <div className="fact" key={name}>
                <dt>{name.replaceAll("_", " ")}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
            <div className="fact">
              <dt>created</dt>
              <dd>{new Date(dataset.created_at).toLocaleString()}</dd>
            </div>
            {Object.entries(transforms).map(([name, value]) => (
              <div className="fact" key={name}>
                <dt>{name.replaceAll("_", " ")}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
            {Object.entries(sha).map(([split, digest]) => (
              <div className="fact" key={split}>
                <dt>sha256 {split}</dt>
                <dd>
                  <code title={String(digest)}>{String(digest).slice(0, 16)}…</code>
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="panel">
          <h2>Export</h2>
          <table className="exports" aria-label="Exports">
            <thead>
              <tr>
                <th>Format</th>
                {EXPORT_SPLITS.map((split) => (
                  <th key={split}>{split}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {EXPORT_FORMATS.map((format) => (
                <tr key={format}>
                  <th scope="row">{format}</th>
                  {EXPORT_SPLITS.map((split) => (
                    <td key={split} className="nowrap">
                      <DownloadLink
                        href={exportUrl(dataset.key, format, split, "jsonl")}
                        filename={`${dataset.key}-${split}-${format}.jsonl`}
                        label={`Download ${format} ${split} as JSONL`}
                      >
                        jsonl
                      </DownloadLink>{" "}
                      <DownloadLink
                        href={exportUrl(dataset.key, format, split, "parquet")}
                        filename={`${dataset.key}-${split}-${format}.parquet`}
                        label={`Download ${format} ${split} as Parquet`}
                      >
                        parquet
                      </DownloadLink>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">Parquet needs the server's parquet extra (otherwise it answers 501).</p>
        </div>
      </div>
      <h2>Statistics</h2>
      {Object.keys(stats).length === 0 && <p className="muted">The manifest has no statistics.</p>}
      {Object.entries(stats).map(([split, splitStats]) => (
        <div className="panel" key={split}>
          <h3>
            {split} <span className="muted">({splitStats.count ?? 0} items)</span>
          </h3>
          <div className="grid charts">
            <BarChart title={`${split}: prompt tokens`} data={splitStats.prompt_tokens ?? {}} />
            <BarChart title={`${split}: completion tokens`} data={splitStats.completion_tokens ?? {}} />
            <BarChart title={`${split}: steps per trace`} data={splitStats.step_counts ?? {}} />
            <BarChart title={`${split}: categories`} data={splitStats.categories ?? {}} sortByCount />
          </div>
        </div>
      ))}
      <details className="panel">
        <summary>Build request</summary>
        <pre className="code">{JSON.stringify(manifest.request, null, 2)}</pre>
      </details>
    </section>
  );
}
