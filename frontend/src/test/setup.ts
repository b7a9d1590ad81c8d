import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { clearNotifications } from "../app/notifications";
import FakePlot, { setData } from "./fakeUplot";

// findBy*/waitFor give up after 1 s by default: a hang bound that a busy machine exceeds.
configure({ asyncUtilTimeout: 15_000 });

// jsdom has no matchMedia; uPlot reads it (devicePixelRatio changes) as soon as it is imported.
if (typeof window !== "undefined" && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Any console.error or console.warn (React's act() warnings, missing keys, prop-type noise) fails
// the test that caused it: a warning left in the log is a bug nobody reads.
let complaints: string[] = [];
beforeEach(() => {
  FakePlot.mockClear();
  setData.mockClear();
  complaints = [];
  for (const level of ["error", "warn"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      complaints.push(`console.${level}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  cleanup();
  clearNotifications();
  if (typeof window !== "undefined") window.localStorage.clear();
  const found = complaints;
  complaints = [];
  if (found.length > 0) throw new Error(`the test wrote to the console:\n${found.join("\n")}`);
});
