import { describe, expect, it } from "vitest";
import type { ParallelTable } from "../../../api/types";
import { GREY, parallelLayout, pathOf } from "./parallel";

const margin = { top: 10, right: 10, bottom: 10, left: 10 };
const size = { width: 220, height: 120 };

const table: ParallelTable = {
  columns: [
    { name: "optimizer.lr", role: "param", type: "number" },
    { name: "lora.target", role: "param", type: "category" },
    { name: "strict_accuracy", role: "objective", type: "number" },
  ],
  rows: [
    { trial_id: "a", status: "succeeded", values: { "optimizer.lr": 0.001, "lora.target": "q_proj", strict_accuracy: 0.5 } },
    { trial_id: "b", status: "succeeded", values: { "optimizer.lr": 0.003, "lora.target": "all", strict_accuracy: 0.25 } },
    { trial_id: "c", status: "failed", values: { "optimizer.lr": 0.002, "lora.target": "v_proj" } },
  ],
};

describe("parallelLayout", () => {
  const { axes, lines } = parallelLayout(table, "max", size, margin);

  it("spaces the axes evenly across the plot", () => {
    expect(axes.map((axis) => axis.x)).toEqual([10, 110, 210]);
  });

  it("scales a numeric axis from its min (bottom) to its max (top)", () => {
    const lr = axes[0]!;
    expect(lr.y(0.001)).toBe(110);
    expect(lr.y(0.003)).toBe(10);
    expect(lr.y(0.002)).toBeCloseTo(60);
    expect(lr.y("x")).toBeNull();
    expect(lr.ticks.map((tick) => [tick.label, tick.y])).toEqual([
      ["3.00e-3", 10],
      ["2.00e-3", 60],
      ["1.00e-3", 110],
    ]);
  });

  it("spaces a categorical axis's values evenly, sorted", () => {
    const target = axes[1]!;
    expect(target.ticks).toEqual([
      { label: "all", y: 10 },
      { label: "q_proj", y: 60 },
      { label: "v_proj", y: 110 },
    ]);
    expect(target.y("v_proj")).toBe(110);
    expect(target.y("k_proj")).toBeNull();
  });

  it("draws one polyline per trial through its values, a gap where it has none", () => {
    expect(lines.map((line) => line.trialId)).toEqual(["a", "b", "c"]);
    expect(lines[0]!.points).toEqual([[10, 110], [110, 60], [210, 10]]);
    expect(lines[2]!.points).toEqual([[10, 60], [110, 110], null]);
    expect(pathOf(lines[2]!.points)).toBe("M10.0,60.0 L110.0,110.0");
    expect(pathOf([[0, 0], null, [2, 2], [3, 3]])).toBe("M0.0,0.0 M2.0,2.0 L3.0,3.0");
  });

  it("colours by objective, best blue and worst orange, and greys the failed trial", () => {
    expect(lines[0]!.color).toBe("#2f5bd3");
    expect(lines[1]!.color).toBe("#f08c00");
    expect(lines[2]!.color).toBe(GREY);
    const minimised = parallelLayout(table, "min", size, margin).lines;
    expect(minimised[1]!.color).toBe("#2f5bd3");
  });

  it("puts a single value, a single category and a single axis in the middle", () => {
    const one: ParallelTable = {
      columns: [{ name: "loss", role: "objective", type: "number" }],
      rows: [{ trial_id: "a", status: "succeeded", values: { loss: 2 } }],
    };
    const layout = parallelLayout(one, "min", size, margin);
    expect(layout.axes[0]!.x).toBe(110);
    expect(layout.lines[0]!.points).toEqual([[110, 60]]);
    expect(layout.axes[0]!.ticks).toEqual([{ label: "2", y: 60 }]);
  });
});
