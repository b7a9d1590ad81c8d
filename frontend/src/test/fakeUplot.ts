import { vi } from "vitest";

/**
 * The uPlot that component tests draw with: uPlot draws on a canvas, which jsdom lacks, so a
 * test that renders a chart mocks the module with this one (`vi.mock("uplot", () =>
 * import(".../test/fakeUplot"))`) and checks what the chart was fed through `setData` and the
 * constructor's calls. One module for every test file, not a fake per file: the files share one
 * module cache (`isolate: false` in vite.config.ts), so the chart components keep whichever
 * fake they were first loaded with. `src/test/setup.ts` clears both spies before each test.
 */
export const setData = vi.fn();

const FakePlot = vi.fn(function FakePlot() {
  return { setData, setSize: vi.fn(), destroy: vi.fn() };
});

export default FakePlot;
