import { expect, it } from "vitest";
import { alignSeries, pointsFor } from "./align";

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

it("asks for a point budget that grows with the runs but stays bounded", () => {
  expect(pointsFor(1, 3)).toBe(3000);
  expect(pointsFor(0, 3)).toBe(3000);
  expect(pointsFor(10, 3)).toBe(30_000);
  expect(pointsFor(501, 3)).toBe(60_000);
});
