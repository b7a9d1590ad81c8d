import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const OverviewPage = lazyPage(() => import("./components/OverviewPage"), "OverviewPage");

export const overviewFeature: Feature = {
  nav: [{ to: "/", label: "Overview", end: true }],
  routes: [{ index: true, element: <OverviewPage /> }],
};
