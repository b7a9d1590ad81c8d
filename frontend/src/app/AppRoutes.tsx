import { useRoutes } from "react-router-dom";
import { features } from "./features";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";

const nav = features.flatMap((feature) => feature.nav);
const routes = [
  {
    element: <Layout nav={nav} />,
    children: [...features.flatMap((feature) => feature.routes), { path: "*", element: <NotFoundPage /> }],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
