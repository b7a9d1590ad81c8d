import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { ArtifactEntry } from "../../../api/types";
import { DownloadLink } from "../../../app/DownloadLink";
import { PageButtons } from "../../../app/PageButtons";
import { ProblemView } from "../../../app/ProblemView";
import { useClientPage } from "../../../hooks/useClientPage";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { EvaluateForm } from "../../evaluations/components/EvaluateForm";
import { RunEvaluations } from "../../evaluations/components/RunEvaluations";
import { suggestModelName } from "../../models/api/modelApi";
import { PromoteForm } from "../../models/components/PromoteForm";
import { SweepRunSummary } from "../../sweeps/components/SweepRunSummary";
import { artifactUrl } from "../api/runApi";
import { runLabel, shortId } from "../api/runLabel";
import { runIsLive, runQueries } from "../api/runQueries";
import { toYaml, type TrainConfig } from "../api/trainConfig";
import { useRunLogs } from "../hooks/useRunLogs";
import { CurvesPanel } from "./CurvesPanel";
import { LogTail } from "./LogTail";
import { ParentLink } from "./ParentLink";
import { RunActions } from "./RunActions";
import { RunNotesPanel } from "./RunNotesPanel";
import { RolloutsPanel } from "./RolloutsPanel";
import { RunPageHead } from "./RunPageHead";
import { SampleResult } from "./SampleResult";

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function when(stamp: string | null): string {
  return stamp ? new Date(stamp).toLocaleString() : "–";
}

const CHECKPOINT = /^(.*?checkpoint-(\d+))\//;

const FILES_PAGE = 100;
const CHECKPOINTS_PAGE = 50;

function FileTable({ label, runId, files }: { label: string; runId: string; files: ArtifactEntry[] }) {
  const { page, pages, setPage, rows } = useClientPage(files, FILES_PAGE);
  return (
    <>
      <table className="artifacts" aria-label={label}>
        <thead>
          <tr>
            <th>Path</th>
            <th>Kind</th>
            <th className="num">Step</th>
            <th className="num">Size</th>
            <th>sha256</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.path}>
              <td>
                <DownloadLink href={artifactUrl(runId, item.path)} filename={item.path.split("/").at(-1) ?? item.path} label={`Download ${item.path}`}>
                  {item.path}
                </DownloadLink>
              </td>
              <td className="muted">{item.kind ?? "–"}</td>
              <td className="num">{item.step ?? "–"}</td>
              <td className="num">{size(item.size)}</td>
              <td>
                <code title={item.sha256}>{item.sha256.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PageButtons page={page} pages={pages} onPage={setPage} label={label} />
    </>
  );
}

interface Listing {
  checkpoints: [string, { step: number; files: ArtifactEntry[] }][];
  others: ArtifactEntry[];
}

/** Files under a checkpoint-N/ folder grouped per checkpoint (by step), and the other files. */
function group(items: ArtifactEntry[]): Listing {
  const folders = new Map<string, { step: number; files: ArtifactEntry[] }>();
  const others: ArtifactEntry[] = [];
  for (const item of items) {
    const match = CHECKPOINT.exec(item.path);
    if (!match) {
      others.push(item);
      continue;
    }
    const folder = folders.get(match[1]!) ?? { step: Number(match[2]), files: [] };
    folder.files.push(item);
    folders.set(match[1]!, folder);
  }
  return { checkpoints: [...folders.entries()].sort((a, b) => a[1].step - b[1].step), others };
}

const EMPTY: Listing = { checkpoints: [], others: [] };

/** Checkpoints (one row per checkpoint folder, its files on demand) and the other files. */
function Artifacts({ runId, live }: { runId: string; live: boolean }) {
  const query = useQuery({ ...runQueries.artifacts(runId, live), meta: { inlineErrors: true } });
  const { checkpoints, others } = useMemo(() => (query.data ? group(query.data.items) : EMPTY), [query.data]);
  const shown = useClientPage(checkpoints, CHECKPOINTS_PAGE);
  if (query.isPending) return <p className="muted">Loading files…</p>;
  if (query.isError) return <ProblemView problem={toProblem(query.error)} />;
  if (query.data.items.length === 0) return <p className="muted">No files yet.</p>;
  return (
    <>
      <h3>Checkpoints</h3>
      {checkpoints.length === 0 ? (
        <p className="muted small">none yet</p>
      ) : (
        <table className="artifacts" aria-label="Checkpoints">
          <thead>
            <tr>
              <th>Checkpoint</th>
              <th className="num">Step</th>
              <th className="num">Files</th>
              <th className="num">Size</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map(([path, folder]) => (
              <tr key={path}>
                <td>
                  <details>
                    <summary>{path}</summary>
                    <FileTable label={`Files of ${path}`} runId={runId} files={folder.files} />
                  </details>
                </td>
                <td className="num">{folder.step}</td>
                <td className="num">{folder.files.length}</td>
                <td className="num">{size(folder.files.reduce((sum, file) => sum + file.size, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PageButtons page={shown.page} pages={shown.pages} onPage={shown.setPage} label="checkpoints" />
      <h3>Artifacts</h3>
      <FileTable label="Artifacts" runId={runId} files={others} />
      {query.data.truncated && <p className="muted small">Only the first files are listed.</p>}
    </>
  );
}

/** One run: status and actions, config, live log, live curves, checkpoints and artifacts. */
export function RunDetailPage() {
  const runId = useParams().runId ?? "";
  const query = useQuery(runQueries.detail(runId));
  const logs = useRunLogs(runId);
  const run = query.data;
  const live = runIsLive(run);
  const label = run ? runLabel(run) : shortId(runId);
  // While the log stream is open its `metrics` events refetch the curves, so they are polled only without it.
  const polled = live && !logs.pushesCurves;
  const curveRuns = useMemo(() => [{ id: run?.id ?? runId, label, live: polled }], [run?.id, runId, label, polled]);
  useDocumentTitle(run ? `Run ${runLabel(run)} (${run.kind}, ${run.status.replace("_", " ")})` : "Run");

  if (query.isPending) return <p className="muted">Loading run…</p>;
  if (query.isError || !run) {
    return (
      <section>
        <h1>Run</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          <Link to="/runs">Back to the runs</Link>
        </p>
      </section>
    );
  }

  return (
    <section>
      <RunPageHead title="Run" run={run}>
        {run.kind === "eval" && run.status === "succeeded" && <Link to={`/evaluations/${run.id}`}>Scorecard</Link>}
        {run.kind === "sweep" && <Link to={`/sweeps/${run.id}`}>Sweep: trials and best</Link>}
        {run.parent_id && <ParentLink parentId={run.parent_id}>{(noun) => `Its ${noun}`}</ParentLink>}
        <Link to={`/runs/compare?ids=${run.id}`}>Overlay with other runs…</Link>
        <RunActions run={run} />
      </RunPageHead>
      <div className="grid">
        <div className="panel">
          <h2>Run</h2>
          <dl className="facts compact">
            <div className="fact"><dt>id</dt><dd><code>{run.id}</code></dd></div>
            <div className="fact"><dt>kind</dt><dd>{run.kind}</dd></div>
            <div className="fact">
              <dt>model</dt>
              <dd>{run.model?.startsWith("run:") ? <Link to={`/runs/${run.model.slice(4)}`}>{run.model}</Link> : (run.model ?? "–")}</dd>
            </div>
            <div className="fact">
              <dt>dataset</dt>
              <dd>{run.dataset_key ? <Link to={`/datasets/${encodeURIComponent(run.dataset_key)}`}>{run.dataset_key}</Link> : "–"}</dd>
            </div>
            {run.evalset_key && <div className="fact"><dt>eval set</dt><dd>{run.evalset_key}</dd></div>}
            <div className="fact"><dt>created</dt><dd>{when(run.created_at)}</dd></div>
            <div className="fact"><dt>started</dt><dd>{when(run.started_at)}</dd></div>
            <div className="fact"><dt>finished</dt><dd>{when(run.finished_at)}</dd></div>
            <div className="fact"><dt>attempts</dt><dd>{run.attempts}</dd></div>
            <div className="fact"><dt>worker</dt><dd>{run.worker_id ?? "–"}</dd></div>
            <div className="fact"><dt>exit code</dt><dd>{run.exit_code ?? "–"}</dd></div>
            <div className="fact"><dt>last checkpoint</dt><dd>{run.last_checkpoint ?? "–"}</dd></div>
            {run.parent_id && (
              <div className="fact">
                <dt>submitted by</dt>
                <dd><ParentLink parentId={run.parent_id}>{(noun) => `${noun} ${run.parent_id?.slice(0, 8)}`}</ParentLink></dd>
              </div>
            )}
            {run.retry_of && (
              <div className="fact">
                <dt>{run.last_checkpoint?.startsWith(`../${run.retry_of}/`) ? "resumes" : "retry of"}</dt>
                <dd><Link to={`/runs/${run.retry_of}`}>{run.retry_of.slice(0, 8)}</Link></dd>
              </div>
            )}
            {run.tags.length > 0 && <div className="fact"><dt>tags</dt><dd>{run.tags.join(", ")}</dd></div>}
          </dl>
        </div>
        <div className="panel">
          <h2>Name and notes</h2>
          <RunNotesPanel key={run.id} run={run} />
          <h2>Config</h2>
          <pre className="code config-yaml">{toYaml(run.config as TrainConfig)}</pre>
        </div>
      </div>
      {run.kind === "train" && run.status === "succeeded" && (
        <div className="grid">
          <div className="panel">
            <h2>Evaluate</h2>
            <EvaluateForm runId={run.id} />
          </div>
          <div className="panel">
            <h2>Promote to the registry</h2>
            <PromoteForm runId={run.id} suggestion={suggestModelName(run.dataset_key, run.config.method, `run-${run.id.slice(0, 8)}`)} />
          </div>
        </div>
      )}
      {run.kind === "train" && run.status === "succeeded" && (
        <div className="panel">
          <h2>Evaluations</h2>
          <RunEvaluations runId={run.id} />
        </div>
      )}
      {run.kind === "sample" && run.status === "succeeded" && (
        <div className="panel">
          <h2>Sampled traces</h2>
          <SampleResult runId={run.id} />
        </div>
      )}
      {run.kind === "train" && run.config.method === "grpo" && (
        <div className="panel">
          <h2>Rollouts</h2>
          <RolloutsPanel runId={run.id} live={live} />
        </div>
      )}
      {run.kind === "sweep" ? (
        <div className="panel">
          <h2>Trials</h2>
          <SweepRunSummary sweepId={run.id} />
        </div>
      ) : (
        <div className="panel">
          <h2>Curves</h2>
          <CurvesPanel runs={curveRuns} />
        </div>
      )}
      <div className="panel">
        <h2>Log</h2>
        <LogTail logs={logs} />
      </div>
      <div className="panel">
        <h2>Files</h2>
        <Artifacts runId={run.id} live={live} />
      </div>
    </section>
  );
}
