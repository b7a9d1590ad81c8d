import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const EvalComparePage = lazyPage(() => import("./components/EvalComparePage"), "EvalComparePage");
const EvaluationDetailPage = lazyPage(() => import("./components/EvaluationDetailPage"), "EvaluationDetailPage");
const ItemHistoryPage = lazyPage(() => import("./components/ItemHistoryPage"), "ItemHistoryPage");
const LeaderboardPage = lazyPage(() => import("./components/LeaderboardPage"), "LeaderboardPage");
const RegressionPage = lazyPage(() => import("./components/RegressionPage"), "RegressionPage");

export const evaluationsFeature: Feature = {
  nav: [
    { to: "/evaluations", label: "Leaderboard", end: true },
    { to: "/evaluations/compare", label: "Compare evals" },
    { to: "/evaluations/regression", label: "Regression gate" },
  ],
  routes: [
    { path: "evaluations", element: <LeaderboardPage /> },
    { path: "evaluations/compare", element: <EvalComparePage /> },
    { path: "evaluations/regression", element: <RegressionPage /> },
    { path: "evaluations/history", element: <ItemHistoryPage /> },
    { path: "evaluations/:runId", element: <EvaluationDetailPage /> },
  ],
};
