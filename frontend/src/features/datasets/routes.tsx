import type { Feature } from "../../app/features";
import { DatasetBuilderPage } from "./components/DatasetBuilderPage";
import { DatasetDetailPage } from "./components/DatasetDetailPage";
import { DatasetDiffPage } from "./components/DatasetDiffPage";
import { DatasetsPage } from "./components/DatasetsPage";

export const datasetsFeature: Feature = {
  nav: [
    { to: "/datasets", label: "Datasets", end: true },
    { to: "/datasets/new", label: "Build dataset" },
  ],
  routes: [
    { path: "datasets", element: <DatasetsPage /> },
    { path: "datasets/new", element: <DatasetBuilderPage /> },
    { path: "datasets/diff", element: <DatasetDiffPage /> },
    { path: "datasets/:datasetKey", element: <DatasetDetailPage /> },
  ],
};
