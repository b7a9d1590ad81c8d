import { expect, it } from "vitest";
import { bestSoFar, formatParam, objectiveRange, plannedTrials } from "./trials";

it("keeps the best objective so far in the objective's direction", () => {
  expect(bestSoFar([null, 0.2, 0.1, null, 0.4], "max")).toEqual([null, 0.2, 0.2, 0.2, 0.4]);
  expect(bestSoFar([3, 4, 1, 2], "min")).toEqual([3, 3, 1, 1]);
});

it("formats parameters for the trials table", () => {
  expect(formatParam(0.000123456)).toBe("1.23e-4");
  expect(formatParam(0.0123456)).toBe("0.01235");
  expect(formatParam(8)).toBe("8");
  expect(formatParam("q_proj")).toBe("q_proj");
  expect(formatParam(["q_proj", "v_proj"])).toBe('["q_proj","v_proj"]');
});

it("prints every learning rate in one scientific form, whatever its size", () => {
  expect([0.001, 0.0003, 0.00001, 0.02].map((lr) => formatParam(lr, "optimizer.lr"))).toEqual(["1.00e-3", "3.00e-4", "1.00e-5", "2.00e-2"]);
  expect(formatParam(0.00025, "learning_rate")).toBe("2.50e-4");
  expect(formatParam(0.001, "lora.dropout")).toBe("0.001");
});

it("spans the objective axis sensibly when every value is the same", () => {
  expect(objectiveRange(0, 0)).toEqual([0, 1]);
  expect(objectiveRange(0.5, 0.5)).toEqual([0.45, 0.55]);
  expect(objectiveRange(-2, -2)).toEqual([-2.2, -1.8]);
  expect(objectiveRange(null, null)).toEqual([0, 1]);
  expect(objectiveRange(0.1, 0.3)).toEqual([0.08, 0.32]);
  expect(objectiveRange(0, 1)).toEqual([0, 1.1]);
});

it("counts the planned trials as the server does", () => {
  const space = { "optimizer.lr": { type: "loguniform" }, "lora.r": { type: "grid", values: [4, 8] }, seed: { type: "choice", values: [1, 2, 3] } };
  expect(plannedTrials({ trials: 5, search: { type: "random" }, space })).toBe(10);
  expect(plannedTrials({ search: { type: "grid" }, space: { "lora.r": space["lora.r"], seed: space.seed } })).toBe(6);
  expect(plannedTrials({ search: { type: "optuna" }, space })).toBeNull();
});
