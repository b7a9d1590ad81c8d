import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const EvalSetDetailPage = lazyPage(() => import("./components/EvalSetDetailPage"), "EvalSetDetailPage");
const EvalSetsPage = lazyPage(() => import("./components/EvalSetsPage"), "EvalSetsPage");

export const evalsetsFeature: Feature = {
  nav: [{ to: "/evalsets", label: "Eval sets" }],
  routes: [
    { path: "evalsets", element: <EvalSetsPage /> },
    { path: "evalsets/:evalsetKey", element: <EvalSetDetailPage /> },
  ],
};
