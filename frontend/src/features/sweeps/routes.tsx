import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const NewSweepPage = lazyPage(() => import("./components/NewSweepPage"), "NewSweepPage");
const SweepDetailPage = lazyPage(() => import("./components/SweepDetailPage"), "SweepDetailPage");
const SweepsPage = lazyPage(() => import("./components/SweepsPage"), "SweepsPage");

export const sweepsFeature: Feature = {
  nav: [{ to: "/sweeps", label: "Sweeps" }],
  routes: [
    { path: "sweeps", element: <SweepsPage /> },
    { path: "sweeps/new", element: <NewSweepPage /> },
    { path: "sweeps/:sweepId", element: <SweepDetailPage /> },
  ],
};
