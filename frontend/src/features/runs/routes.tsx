import type { Feature } from "../../app/features";
import { NewRunPage } from "./components/NewRunPage";
import { RunComparePage } from "./components/RunComparePage";
import { RunDetailPage } from "./components/RunDetailPage";
import { RunsPage } from "./components/RunsPage";

export const runsFeature: Feature = {
  nav: [
    { to: "/runs", label: "Runs", end: true },
    { to: "/runs/new", label: "New run" },
  ],
  routes: [
    { path: "runs", element: <RunsPage /> },
    { path: "runs/new", element: <NewRunPage /> },
    { path: "runs/compare", element: <RunComparePage /> },
    { path: "runs/:runId", element: <RunDetailPage /> },
  ],
};
