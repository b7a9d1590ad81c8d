import type { Feature } from "../../app/features";
import { ModelDetailPage } from "./components/ModelDetailPage";
import { ModelsPage } from "./components/ModelsPage";

export const modelsFeature: Feature = {
  nav: [{ to: "/models", label: "Models" }],
  routes: [
    { path: "models", element: <ModelsPage /> },
    { path: "models/:name", element: <ModelDetailPage /> },
  ],
};
