import type { Feature } from "../../app/features";
import { EvalComparePage } from "./components/EvalComparePage";
import { EvaluationDetailPage } from "./components/EvaluationDetailPage";
import { LeaderboardPage } from "./components/LeaderboardPage";
import { RegressionPage } from "./components/RegressionPage";

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
    { path: "evaluations/:runId", element: <EvaluationDetailPage /> },
  ],
};
