import { expect, it } from "vitest";
import { emptyBuildForm, parseStages, toDatasetCreate, toTraceQuery } from "./buildForm";

it("sends only the query members that are set", () => {
  expect(toTraceQuery(emptyBuildForm)).toEqual({});
  expect(
    toTraceQuery({
      ...emptyBuildForm,
      source: " synth:arithmetic ",
      meta: "category=addition",
      quality: "ok",
      excludeFlags: "a, b",
      minSteps: "2",
      arithmetic: "verified",
      datasets: "x@v1",
    }),
  ).toEqual({
    source: "synth:arithmetic",
    meta: { category: "addition" },
    quality: "ok",
    exclude_flags: ["a", "b"],
    min_steps: 2,
    arithmetic: "verified",
    datasets: ["x@v1"],
  });
});

it("builds a full request: strategy specifics, split by count, transforms", () => {
  const body = toDatasetCreate({
    ...emptyBuildForm,
    name: " gsm ",
    strategy: "curriculum",
    difficultyKey: "level",
    stages: "easy: 1, 2\nhard: 3\n",
    limit: "100",
    near: true,
    evalBy: "count",
    evalCount: "5",
    excludeStepTypes: "check",
    selfCorrection: true,
    errorFraction: "0.2",
  });
  expect(body.name).toBe("gsm");
  expect(body.selection).toEqual({
    strategy: "curriculum",
    seed: 0,
    balance: "proportional",
    difficulty_key: "level",
    stages: [
      { name: "easy", values: ["1", "2"] },
      { name: "hard", values: ["3"] },
    ],
  });
  expect(body.limit).toBe(100);
  expect(body.dedupe).toEqual({ exact: true, near: true });
  expect(body.split).toEqual({ seed: 0, eval_count: 5 });
  expect(body.transforms?.exclude_step_types).toEqual(["check"]);
  expect(body.transforms?.self_correction).toEqual({ verify: true, error_fraction: 0.2, seed: 0 });
  expect(body.transforms?.template?.system_prompt).toBeNull();
  expect(parseStages("solo")).toEqual([{ name: "solo", values: [] }]);
});

it("holds problems out and builds the answer-only twin only when asked", () => {
  const plain = toDatasetCreate({ ...emptyBuildForm, name: "cols" });
  expect(plain.split).toEqual({ seed: 0, eval_fraction: 0.1 });
  expect(plain.transforms?.answer_only).toBe(false);
  const twin = toDatasetCreate({ ...emptyBuildForm, name: "cols", groupBy: " problem ", answerOnly: true });
  expect(twin.split).toEqual({ seed: 0, eval_fraction: 0.1, group_by: "problem" });
  expect(twin.transforms?.answer_only).toBe(true);
});
