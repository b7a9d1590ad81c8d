import { useQuery } from "@tanstack/react-query";
import { healthQueries } from "../api/healthQueries";

/** Server health: database dialect, schema revision against head, the worker, installed extras. */
export function HealthPanel() {
  const { data: health, isPending, isError } = useQuery(healthQueries.current());
  return (
    <div className="panel" aria-labelledby="health-title">
      <h2 id="health-title">Server</h2>
      {isPending && <p className="muted">Checking…</p>}
      {isError && !health && <p className="bad">The server did not answer.</p>}
      {health && (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className={health.status === "ok" ? "badge ok" : "badge bad"}>{health.status}</span>
          </dd>
          <dt>Version</dt>
          <dd>{health.version}</dd>
          <dt>Database</dt>
          <dd>
            {health.database.dialect}{" "}
            {health.database.ok ? (
              <span className="badge ok">reachable</span>
            ) : (
              <span className="badge bad">unreachable</span>
            )}
            {health.database.error && <div className="bad">{health.database.error}</div>}
          </dd>
          <dt>Schema</dt>
          <dd>
            <code>{health.database.revision ?? "none"}</code>
            {health.database.revision === health.database.head ? (
              <span className="muted"> (at head)</span>
            ) : (
              <span className="bad">
                {" "}
                (head is <code>{health.database.head ?? "none"}</code>)
              </span>
            )}
          </dd>
          {health.worker && (
            <>
              <dt>Worker</dt>
              <dd>
                {health.worker.live_workers ?? 0} live, {health.worker.queued ?? 0} queued
                {health.worker.errors > 0 && <span className="muted">, {health.worker.errors} errors survived</span>}
                {health.worker.detail && <div className="bad">{health.worker.detail}</div>}
                {health.worker.last_error && <div className="muted">last error: {health.worker.last_error}</div>}
              </dd>
            </>
          )}
          <dt>Extras</dt>
          <dd>
            <ul className="inline-list" aria-label="Extras">
              {Object.entries(health.extras).map(([name, installed]) => (
                <li key={name}>
                  <span className={installed ? "badge ok" : "badge off"} title={installed ? "installed" : "not installed"}>
                    {name} {installed ? "✓" : "–"}
                  </span>
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      )}
    </div>
  );
}
