import type { Feature } from "../../app/features";
import { OverviewPage } from "./components/OverviewPage";

export const overviewFeature: Feature = {
  nav: [{ to: "/", label: "Overview", end: true }],
  routes: [{ index: true, element: <OverviewPage /> }],
};
