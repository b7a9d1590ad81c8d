import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const NewRunPage = lazyPage(() => import("./components/NewRunPage"), "NewRunPage");
const NewSamplePage = lazyPage(() => import("./components/NewSamplePage"), "NewSamplePage");
const RunComparePage = lazyPage(() => import("./components/RunComparePage"), "RunComparePage");
const RunDetailPage = lazyPage(() => import("./components/RunDetailPage"), "RunDetailPage");
const RunsPage = lazyPage(() => import("./components/RunsPage"), "RunsPage");

export const runsFeature: Feature = {
  nav: [
    { to: "/runs", label: "Runs", end: true },
    { to: "/runs/new", label: "New run" },
  ],
  routes: [
    { path: "runs", element: <RunsPage /> },
    { path: "runs/new", element: <NewRunPage /> },
    { path: "runs/new/sample", element: <NewSamplePage /> },
    { path: "runs/compare", element: <RunComparePage /> },
    { path: "runs/:runId", element: <RunDetailPage /> },
  ],
};
