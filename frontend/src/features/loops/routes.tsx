import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const LoopDetailPage = lazyPage(() => import("./components/LoopDetailPage"), "LoopDetailPage");
const LoopsPage = lazyPage(() => import("./components/LoopsPage"), "LoopsPage");
const NewLoopPage = lazyPage(() => import("./components/NewLoopPage"), "NewLoopPage");

export const loopsFeature: Feature = {
  nav: [{ to: "/loops", label: "Loops" }],
  routes: [
    { path: "loops", element: <LoopsPage /> },
    { path: "loops/new", element: <NewLoopPage /> },
    { path: "loops/:loopId", element: <LoopDetailPage /> },
  ],
};
