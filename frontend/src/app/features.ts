// Each feature contributes its routes and its entries in the left nav; a new page (datasets,
// runs, evaluations) adds a `features/<name>/routes.tsx` and one line here.
import type { RouteObject } from "react-router-dom";
import { datasetsFeature } from "../features/datasets/routes";
import { evalsetsFeature } from "../features/evalsets/routes";
import { evaluationsFeature } from "../features/evaluations/routes";
import { loopsFeature } from "../features/loops/routes";
import { modelsFeature } from "../features/models/routes";
import { overviewFeature } from "../features/overview/routes";
import { runsFeature } from "../features/runs/routes";
import { sweepsFeature } from "../features/sweeps/routes";
import { tracesFeature } from "../features/traces/routes";

export interface NavItem {
  to: string;
  label: string;
  /** Match the path exactly (so "/traces" is not active on "/traces/add"). */
  end?: boolean;
}

export interface Feature {
  nav: NavItem[];
  routes: RouteObject[];
}

export const features: Feature[] = [overviewFeature, tracesFeature, datasetsFeature, runsFeature, sweepsFeature, loopsFeature, evalsetsFeature, evaluationsFeature, modelsFeature];
