import { expect, it } from "vitest";
import { bestSoFar, formatParam, plannedTrials } from "./trials";

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

it("counts the planned trials as the server does", () => {
  const space = { "optimizer.lr": { type: "loguniform" }, "lora.r": { type: "grid", values: [4, 8] }, seed: { type: "choice", values: [1, 2, 3] } };
  expect(plannedTrials({ trials: 5, search: { type: "random" }, space })).toBe(10);
  expect(plannedTrials({ search: { type: "grid" }, space: { "lora.r": space["lora.r"], seed: space.seed } })).toBe(6);
  expect(plannedTrials({ search: { type: "optuna" }, space })).toBeNull();
});
