import type { Feature } from "../../app/features";
import { lazyPage } from "../../app/lazyPage";

const DatasetBuilderPage = lazyPage(() => import("./components/DatasetBuilderPage"), "DatasetBuilderPage");
const DatasetDetailPage = lazyPage(() => import("./components/DatasetDetailPage"), "DatasetDetailPage");
const DatasetDiffPage = lazyPage(() => import("./components/DatasetDiffPage"), "DatasetDiffPage");
const DatasetsPage = lazyPage(() => import("./components/DatasetsPage"), "DatasetsPage");

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
