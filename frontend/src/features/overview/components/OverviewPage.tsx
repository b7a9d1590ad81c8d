import { HealthPanel } from "./HealthPanel";
import { RunsPanel } from "./RunsPanel";
import { TraceCountsPanel } from "./TraceCountsPanel";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

export function OverviewPage() {
  useDocumentTitle("Overview");
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
