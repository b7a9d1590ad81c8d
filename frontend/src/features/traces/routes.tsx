import type { Feature } from "../../app/features";
import { AddTracesPage } from "./components/AddTracesPage";
import { ComparePage } from "./components/ComparePage";
import { TracesPage } from "./components/TracesPage";
import { TraceViewerPage } from "./components/TraceViewerPage";

export const tracesFeature: Feature = {
  nav: [
    { to: "/traces", label: "Traces", end: true },
    { to: "/traces/add", label: "Add traces" },
    { to: "/traces/compare", label: "Compare" },
  ],
  routes: [
    { path: "traces", element: <TracesPage /> },
    { path: "traces/add", element: <AddTracesPage /> },
    { path: "traces/compare", element: <ComparePage /> },
    { path: "traces/:traceId", element: <TraceViewerPage /> },
  ],
};
