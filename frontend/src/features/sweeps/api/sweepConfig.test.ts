import { expect, it } from "vitest";
import { configIssues, parseConfigYaml } from "../../../app/yamlConfig";
import { EXAMPLE_SWEEP } from "./sweepConfig";

it("parses the example into a sweep config", () => {
  const parsed = parseConfigYaml(EXAMPLE_SWEEP, "sweep config");
  expect("config" in parsed && parsed.config).toMatchObject({
    base: { model: "tiny-llama", dataset: { key: "arith@v1" } },
    space: { "optimizer.lr": { type: "loguniform" }, "lora.r": { values: [4, 8, 16] } },
    trials: 4,
  });
});

it("says why text is not a sweep config", () => {
  expect(parseConfigYaml("space: [unclosed", "sweep config")).toHaveProperty("error");
  expect(parseConfigYaml("- a\n- b\n", "sweep config")).toEqual({ error: "the sweep config must be a mapping (key: value lines)" });
});

it("places the server's errors on the lines of the keys they name", () => {
  const issues = configIssues(
    [
      { loc: ["body", "config", "space", "optimizer.lr"], msg: "optimizer.lr = 5.0: too big" },
      { loc: ["body", "config", "base", "lora", "r"], msg: "missing" },
      { loc: ["body", "config"], msg: "search grid needs choices" },
      { loc: ["body", "tags", 0], msg: "not a tag" },
    ],
    EXAMPLE_SWEEP,
  );
  expect(issues).toEqual([
    { path: ["space", "optimizer.lr"], message: "optimizer.lr = 5.0: too big", line: 11 },
    // base has no lora key: the deepest key found is base's own line.
    { path: ["base", "lora", "r"], message: "missing", line: 3 },
    { path: [], message: "search grid needs choices", line: null },
  ]);
});
