import { expect, it } from "vitest";
import { alignSeries, downsampleFor } from "./align";

it("puts several runs on the union of their steps with gaps as null", () => {
  const aligned = alignSeries([
    { label: "a", steps: [1, 2, 3], values: [3, 2, 1] },
    { label: "b", steps: [2, 4], values: [5, 6] },
  ]);
  expect(aligned).toEqual([
    [1, 2, 3, 4],
    [3, 2, 1, null],
    [null, 5, null, 6],
  ]);
});

it("bounds the x axis for huge runs", () => {
  const steps = Array.from({ length: 100_000 }, (_, i) => i + 1);
  const aligned = alignSeries([{ label: "big", steps, values: steps.map((s) => 1 / s) }], 1000);
  expect(aligned[0]).toHaveLength(1000);
  expect(aligned[0][0]).toBe(1);
  expect(aligned[0].at(-1)).toBe(100_000);
  expect(aligned[1]!.filter((v) => v !== null).length).toBe(1000);
});

it("asks for fewer points per run as more runs are overlaid", () => {
  expect(downsampleFor(1)).toBe(1000);
  expect(downsampleFor(100)).toBe(200);
  expect(downsampleFor(500)).toBe(50);
});
