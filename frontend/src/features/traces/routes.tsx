import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const AddTracesPage = lazyPage(() => import("./components/AddTracesPage"), "AddTracesPage");
const ComparePage = lazyPage(() => import("./components/ComparePage"), "ComparePage");
const TracesPage = lazyPage(() => import("./components/TracesPage"), "TracesPage");
const TraceViewerPage = lazyPage(() => import("./components/TraceViewerPage"), "TraceViewerPage");

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
