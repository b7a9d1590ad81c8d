/** Room for runs, workers and the queue. The UI has no runs feature yet, so nothing is shown
 * rather than anything made up; the panel fills in when features/runs lands. */
export function RunsPanel() {
  return (
    <div className="panel placeholder" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs and queue</h2>
      <p className="muted">
        Not shown yet: the UI's runs pages are still to come. Recent runs and their status, workers alive and queue
        depth will appear here with them.
      </p>
    </div>
  );
}
