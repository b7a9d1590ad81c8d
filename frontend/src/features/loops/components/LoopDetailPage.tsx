import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { stringify } from "yaml";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { isActive } from "../../runs/api/runFilters";
import { RunPageHead } from "../../runs/components/RunPageHead";
import { loopQueries } from "../api/loopQueries";
import { RoundsChart } from "./RoundsChart";
import { RoundsTable } from "./RoundsTable";

/** One loop: its run, the chart of accuracy, pass@k and traces kept per round, the rounds with
 * their runs and the test against round 0, and the config. Polls while the loop is going. */
export function LoopDetailPage() {
  const loopId = useParams().loopId ?? "";
  const query = useQuery(loopQueries.detail(loopId));
  const loop = query.data;
  useDocumentTitle(loop ? `Loop ${loop.run.id.slice(0, 8)} (${loop.run.status.replace("_", " ")})` : "Loop");

  if (query.isPending) return <p className="muted">Loading loop…</p>;
  if (query.isError || !loop) {
    return (
      <section>
        <h1>Loop</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          <Link to="/loops">Back to the loops</Link>
        </p>
      </section>
    );
  }
  const { run, config, rounds } = loop;
  // the schema marks fields with server defaults optional; the server always sends them
  const sampling = config.sampling ?? { k: 4, temperature: 0.8, prompts: null };
  const k = sampling.k ?? 4;
  return (
    <section>
      <RunPageHead title="Loop" run={run}>
        <Link to={`/runs/${run.id}`}>Its run (log, files)</Link>
        <Link to={`/runs?tag=${encodeURIComponent(`loop:${run.id}`)}`}>Round runs</Link>
      </RunPageHead>
      <div className="panel">
        <dl className="facts compact">
          <div className="fact"><dt>start</dt><dd><Link to={`/runs/${config.start}`}>{config.start.slice(0, 8)}</Link></dd></div>
          <div className="fact"><dt>prompts</dt><dd>{config.dataset} (training split{sampling.prompts ? `, first ${sampling.prompts}` : ""})</dd></div>
          <div className="fact"><dt>judged on</dt><dd>{config.evalset}</dd></div>
          <div className="fact"><dt>rounds</dt><dd>{Math.max(0, rounds.filter((round) => round.status === "succeeded").length - 1)} of {config.rounds} done</dd></div>
          <div className="fact"><dt>each round</dt><dd>k {k} at temperature {sampling.temperature}, {config.training?.steps} SFT steps{config.mix_previous ? ", earlier rounds' traces mixed in" : ""}{config.steps_checked ? ", steps checked" : ""}</dd></div>
        </dl>
      </div>
      <div className="panel">
        <RoundsChart rounds={rounds} k={k} />
      </div>
      <div className="panel">
        <h2>Rounds {isActive(run.status) && <span className="muted small">(updating)</span>}</h2>
        {rounds.length === 0 ? <p className="muted">No round has started yet.</p> : <RoundsTable rounds={rounds} k={k} />}
      </div>
      <div className="panel">
        <h2>Config</h2>
        <pre className="code config-yaml">{stringify(config)}</pre>
      </div>
    </section>
  );
}
