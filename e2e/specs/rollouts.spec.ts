import { expect, test, type Locator } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { shot } from "./support";

// A GRPO run's Rollouts panel and its alarms: a finished run with six recorded steps (two prompts,
// three completions each) and alarm windows of two steps in its config, seeded into the server's
// PostgreSQL as the worker stores what the child's recorder reports: rollouts, and each alarm as a
// log line on the alarm stream (tests/rollouts/seed_e2e.py says what it holds: format reward
// 0 -> 1 between steps 3 and 4, completions 11 -> 41 tokens between steps 4 and 5).
const ROOT = resolve(import.meta.dirname, "../..");
let runId = "";

test.beforeAll(() => {
  const url = process.env.TUNIX_RT_E2E_DATABASE_URL;
  if (!url) throw new Error("TUNIX_RT_E2E_DATABASE_URL is not set (global-setup.ts sets it)");
  const out = execFileSync(join(ROOT, ".venv/bin/python"), ["-m", "tests.rollouts.seed_e2e", url], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  runId = (JSON.parse(out) as { run: string }).run;
});

/** A completion's shown facts, name to text (`format` -> `1`, `length` -> `10 tokens`). */
async function facts(completion: Locator): Promise<Record<string, string>> {
  const names = await completion.locator("dt").allInnerTexts();
  const values = await completion.locator("dd").allInnerTexts();
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? ""]));
}

test("the step slider, the per-reward curves and the alarms with their windows", async ({ page }) => {
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("heading", { name: "Rollouts", exact: true })).toBeVisible();

  // The alarms the stored rollouts trip with the run's own window of two, each with its steps.
  const alarms = page.getByRole("list", { name: "Reward-hacking alarms" }).getByRole("listitem");
  await expect(alarms).toHaveText([
    "format without correctness (steps 3–4): format reward rose 0.00 -> 1.00 while correctness went 0.33 -> 0.33",
    "length explosion (steps 4–5): mean completion length grew 11.0 -> 41.0 tokens",
  ]);

  // The same alarms as the run raised them while training: events in its log, on their own stream.
  const log = page.getByRole("log", { name: "Run log" }).locator(".log-alarm");
  await expect(log.locator(".log-stream")).toHaveText(["alarm", "alarm"]);
  await expect(log.locator(".log-text")).toHaveText([
    "reward-hacking alarm format_without_correctness (steps 3-4): format reward rose 0.00 -> 1.00 while correctness went 0.33 -> 0.33",
    "reward-hacking alarm length_explosion (steps 4-5): mean completion length grew 11.0 -> 41.0 tokens",
  ]);

  // One curve per reward component and the total, a point at each recorded step.
  const rewards = page.getByTestId("chart-rewards per step");
  await expect(rewards).toHaveAttribute("data-drawn-rows", "6");
  await expect(rewards).toHaveAttribute("data-points", "18");
  const legend = page.getByRole("figure", { name: "rewards per step" }).locator(".u-legend .u-series");
  await expect(legend.locator(".u-label")).toHaveText(["step", "correctness", "format", "total"]);
  await expect(page.getByTestId("chart-completion length")).toHaveAttribute("data-drawn-rows", "6");
  // The pointer at the first and the last step reads each curve's value there.
  const over = rewards.locator(".u-over");
  const box = await over.boundingBox();
  if (!box) throw new Error("the rewards chart has no plotting area");
  await over.hover({ position: { x: 1, y: box.height / 2 } });
  await expect(legend.locator(".u-value")).toHaveText(["1", "0.333", "0", "0.667"]);
  await over.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  await expect(legend.locator(".u-value")).toHaveText(["6", "0.333", "1", "1.667"]);

  // The latest step is shown first: the first prompt's three completions, formatted, longer.
  const slider = page.getByRole("slider", { name: "Step" });
  const completions = page.getByRole("list", { name: "Completions of the group" }).getByRole("listitem");
  await expect(page.getByText("step 6 (6 of 6 recorded)")).toBeVisible();
  await expect(completions).toHaveCount(3);
  await expect(completions.first().locator("pre")).toHaveText("step 6 prompt 1 completion 1");
  expect(await facts(completions.first())).toEqual({
    correctness: "1",
    format: "1",
    total: "3",
    advantage: "+1.41",
    length: "40 tokens",
  });
  await shot(page, "run-rollouts-step-6");

  // To the first step: before the format reward rose, so the totals are lower.
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(page.getByText("step 1 (1 of 6 recorded)")).toBeVisible();
  await expect(completions.first().locator("pre")).toHaveText("step 1 prompt 1 completion 1");
  expect(await facts(completions.first())).toEqual({
    correctness: "1",
    format: "0",
    total: "2",
    advantage: "+1.41",
    length: "10 tokens",
  });
  expect(await facts(completions.nth(1))).toEqual({
    correctness: "0",
    format: "0",
    total: "0",
    advantage: "-0.707",
    length: "11 tokens",
  });

  // Three steps on: the first step of the format reward, the length not grown yet.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowRight");
  await expect(page.getByText("step 4 (4 of 6 recorded)")).toBeVisible();
  await expect(completions.first().locator("pre")).toHaveText("step 4 prompt 1 completion 1");
  expect(await facts(completions.nth(2))).toEqual({
    correctness: "0",
    format: "1",
    total: "1",
    advantage: "-0.707",
    length: "12 tokens",
  });

  // The step's other prompt: its own group.
  await page.getByRole("button", { name: "prompt 2" }).click();
  await expect(completions.first().locator("pre")).toHaveText("step 4 prompt 2 completion 1");
  await expect(page.getByText("What is 3 + 3?")).toBeVisible();
  await shot(page, "run-rollouts-step-4");
});
