import { expect, it } from "vitest";
import { configPathOf, fromYaml, getPath, setPath, templateById, toYaml, validateTrainConfig } from "./trainConfig";

it("every template is valid once a dataset is chosen, and only then", () => {
  for (const id of ["tiny", "lora", "grpo"]) {
    const template = templateById(id);
    expect(validateTrainConfig(template.config("demo@v1"))).toEqual([]);
    expect(validateTrainConfig(template.config("")).map((issue) => issue.path)).toEqual(["dataset.key"]);
  }
  expect(templateById("nope").id).toBe("tiny");
});

it("finds the combinations the server refuses", () => {
  const base = templateById("tiny").config("demo@v1");
  const paths = (config: Parameters<typeof validateTrainConfig>[0]) => validateTrainConfig(config).map((i) => i.path);
  expect(paths({ ...base, epochs: 1 })).toEqual(["max_steps"]);
  expect(paths(setPath(base, "lora.r", 4))).toEqual(["lora.full"]);
  expect(paths({ ...base, max_steps: 0 })).toEqual(["max_steps"]);
  expect(paths({ ...base, grpo: { num_generations: 4 } })).toEqual(["grpo"]);
  expect(paths({ ...templateById("grpo").config("d@v1"), batch_size: 6 })).toEqual(["batch_size"]);
  const grpo = templateById("grpo").config("d@v1");
  expect(paths(setPath(grpo, "grpo.rollouts_every", 0))).toEqual(["grpo.rollouts_every"]);
  expect(paths(setPath(grpo, "grpo.rollouts_every", 5))).toEqual([]);
  expect(paths(setPath(grpo, "grpo.alarms.window", 1))).toEqual(["grpo.alarms.window"]);
  expect(paths(setPath(grpo, "grpo.alarms.window", 2))).toEqual([]);
});

it("gets and sets dotted paths without mutating", () => {
  const base = { lora: { full: true } };
  const next = setPath(base, "lora.r", 8);
  expect(next).toEqual({ lora: { full: true, r: 8 } });
  expect(base).toEqual({ lora: { full: true } });
  expect(getPath(setPath(next, "lora.r", undefined), "lora")).toEqual({ full: true });
  expect(configPathOf(["body", "config", "dataset", "key"])).toBe("dataset.key");
  expect(configPathOf(["body", "tags"])).toBeNull();
});

it("round-trips YAML and reports what does not parse", () => {
  const config = templateById("grpo").config("demo@v1");
  const back = fromYaml(toYaml(config));
  expect(back).toEqual({ config });
  expect(fromYaml("- a\n- b")).toEqual({ error: "the config must be a mapping (key: value lines)" });
  expect("error" in fromYaml("a: [1, 2")).toBe(true);
});
