import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const ModelDetailPage = lazyPage(() => import("./components/ModelDetailPage"), "ModelDetailPage");
const ModelsPage = lazyPage(() => import("./components/ModelsPage"), "ModelsPage");

export const modelsFeature: Feature = {
  nav: [{ to: "/models", label: "Models" }],
  routes: [
    { path: "models", element: <ModelsPage /> },
    { path: "models/:name", element: <ModelDetailPage /> },
  ],
};
