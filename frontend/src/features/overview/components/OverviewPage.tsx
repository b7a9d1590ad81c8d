import { HealthPanel } from "./HealthPanel";
import { RunsPanel } from "./RunsPanel";
import { TraceCountsPanel } from "./TraceCountsPanel";

export function OverviewPage() {
  return (
    <section>
      <h1>Overview</h1>
      <div className="grid">
        <HealthPanel />
        <RunsPanel />
      </div>
      <TraceCountsPanel />
    </section>
  );
}
