import { lazy, type ComponentType } from "react";

/** A page loaded on its first visit, from its module's named export: each page is its own chunk,
 * so the first paint downloads only the shell and the page it shows (Layout's Suspense waits). */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
