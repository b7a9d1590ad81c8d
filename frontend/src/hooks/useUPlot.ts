import { useEffect, useRef, type DependencyList, type RefObject } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** A uPlot chart in the returned element, shared by the run curves and the sweep objective:
 * rebuilt from `options(el)` only when `deps` or `height` change (at the element's width, following
 * it as the page resizes), and fed `data` in place otherwise, so live points never rebuild it. */
export function useUPlot(
  options: (el: HTMLDivElement) => Omit<uPlot.Options, "width" | "height">,
  height: number,
  deps: DependencyList,
  data: uPlot.AlignedData,
): RefObject<HTMLDivElement | null> {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = new uPlot({ ...options(el), width: Math.max(300, el.clientWidth || 600), height }, latest.current, el);
    plot.current = chart;
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => chart.setSize({ width: Math.max(300, el.clientWidth), height }));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // `options` is a new function each render; what it depends on is in `deps`.
  }, [height, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    latest.current = data;
    plot.current?.setData(data);
  }, [data]);

  return box;
}
