import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { shot, unique } from "./support";

// One story, in order: build a dataset from the demo traces, train on it, watch it live.
test.describe.configure({ mode: "serial" });

let datasetKey = "";
let runUrl = "";

test("build a dataset with a live count, then see its manifest, stats and exports", async ({ page }) => {
  const name = unique("e2e-ds").toLowerCase();
  await page.goto("/datasets/new");
  await expect(page.getByRole("heading", { name: "Build a dataset" })).toBeVisible();
  const count = page.getByTestId("live-count");
  await expect(count).not.toHaveText("0");
  const all = Number(await count.innerText());
  expect(all).toBeGreaterThanOrEqual(120);
  await page.getByLabel("Source").fill("synth:arithmetic");
  await expect(count).not.toHaveText(String(all));
  const arithmetic = Number(await count.innerText());
  expect(arithmetic).toBeGreaterThan(0);
  expect(arithmetic).toBeLessThan(all);
  await page.getByLabel("Source").fill("");
  await expect(count).toHaveText(String(all));

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("built by the e2e test");
  await page.getByLabel("Strategy").selectOption("random");
  await page.getByLabel("Limit").fill("64");
  await shot(page, "dataset-builder");
  await page.getByRole("button", { name: "Build dataset" }).click();

  datasetKey = `${name}@v1`;
  await expect(page).toHaveURL(new RegExp(`/datasets/${encodeURIComponent(datasetKey)}$`));
  await expect(page.getByRole("heading", { name: `Dataset ${datasetKey}` })).toBeVisible();
  await expect(page.getByTestId("item-count")).toHaveText("64");
  await expect(page.getByRole("table", { name: "train: categories" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download messages train as JSONL" }).click();
  const file = await (await download).path();
  const first = JSON.parse(readFileSync(file, "utf8").split("\n")[0] ?? "{}") as { messages?: unknown[] };
  expect(Array.isArray(first.messages)).toBe(true);
  await shot(page, "dataset-detail");

  await page.goto("/datasets");
  await expect(page.getByRole("link", { name: datasetKey })).toBeVisible();
  await shot(page, "datasets-list");
});

test("a second version diffs against the first", async ({ page, request }) => {
  const name = datasetKey.split("@")[0]!;
  const built = await request.post("/api/datasets", { data: { name, limit: 80 } });
  expect(built.status()).toBe(201);
  await page.goto(`/datasets/diff?a=${encodeURIComponent(datasetKey)}&b=${encodeURIComponent(`${name}@v2`)}`);
  await expect(page.getByRole("heading", { name: "Diff datasets" })).toBeVisible();
  await expect(page.getByTestId("diff-added")).not.toHaveText("");
  const added = Number(await page.getByTestId("diff-added").innerText());
  const unchanged = Number(await page.getByTestId("diff-unchanged").innerText());
  const moved = Number(await page.getByTestId("diff-moved").innerText());
  expect(added + unchanged + moved).toBe(80);
  // the sample traces are listed by their prompts, not bare ids
  const listed = page.locator(".id-list a");
  if ((await listed.count()) > 0) expect(await listed.first().innerText()).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  await shot(page, "dataset-diff");
});

test("the new-run form validates before submitting and shows the server's field errors", async ({ page }) => {
  await page.goto("/runs/new");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.locator("#cfg-dataset-key-error")).toContainText("pick a dataset");
  await page.getByLabel("Dataset").selectOption(datasetKey);
  await page.getByLabel("LoRA rank").fill("4");
  await expect(page.locator("#cfg-lora-full-error")).toContainText("leave lora.r and lora.alpha unset");
  await page.getByLabel("LoRA rank").fill("");
  // YAML edits reach the same config; an unknown key gets through the form's checks and the
  // server's 422 names it.
  await page.getByRole("tab", { name: "YAML" }).click();
  const yaml = page.getByLabel("Config (YAML)");
  await yaml.fill(`${await yaml.inputValue()}bogus_option: 1\n`);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid input (422)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Other config problems" })).toContainText("bogus_option");
  await shot(page, "run-new-errors");
});

test("launch a tiny training run and watch log lines and the loss curve appear", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/runs/new?dataset=${encodeURIComponent(datasetKey)}`);
  await expect(page.getByLabel("Dataset")).toHaveValue(datasetKey);
  await expect(page.getByLabel("Tiny CPU demo")).toBeChecked();
  await page.getByLabel(/^Tags/).fill("e2e");
  await shot(page, "run-new");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  runUrl = new URL(page.url()).pathname;

  const log = page.getByRole("log", { name: "Run log" });
  await expect(log.locator(".log-line").first()).toBeVisible({ timeout: 30_000 });
  await expect(log).toContainText(/step \d+\/15/, { timeout: 60_000 });
  const loss = page.getByTestId("chart-loss");
  await expect(loss.locator("canvas")).toBeVisible({ timeout: 60_000 });
  await expect(loss).not.toHaveAttribute("data-points", "0");
  await shot(page, "run-live");

  await expect(page.getByTestId("run-status").first()).toHaveText("succeeded", { timeout: 90_000 });
  await expect(page.getByText(/· complete/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Checkpoints" })).toContainText("checkpoint-15");
  await expect(page.getByRole("link", { name: "Download adapter/model.safetensors" })).toBeVisible();
  await page.getByLabel("Search the log").fill("step 15/15");
  await expect(page.getByText(/\d+ of \d+ lines match/)).toBeVisible();
  for (const text of await log.locator(".log-line").allInnerTexts()) expect(text).toContain("step 15/15");
  await page.getByLabel("Search the log").fill("");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download run_manifest.json" }).click();
  const manifest = JSON.parse(readFileSync(await (await download).path(), "utf8")) as Record<string, unknown>;
  expect(manifest).toBeTruthy();
  await shot(page, "run-detail");
});

test("the runs list filters by status and overlays curves of selected runs", async ({ page }) => {
  await page.goto("/runs?status=succeeded");
  const rows = page.locator("table.traces tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("succeeded");
  await shot(page, "runs-list");
  await rows.first().getByRole("checkbox").check();
  await page.getByRole("button", { name: "Overlay curves (1)" }).click();
  await expect(page).toHaveURL(/\/runs\/compare\?ids=/);
  await expect(page.getByTestId("chart-loss").locator("canvas")).toBeVisible();
  await shot(page, "runs-compare");
  expect(runUrl).toMatch(/^\/runs\//);
});

test("evaluate the trained run, find it on the leaderboard, compare it with the base model", async ({ page, request }) => {
  test.setTimeout(300_000);
  expect(runUrl).toMatch(/^\/runs\//);
  const trainId = runUrl.split("/").at(-1)!;
  // An eval set from the dataset's eval split, and the untrained base model's evaluation on it.
  const derived = await request.post("/api/evalsets/derive", { data: { name: unique("e2e-eval").toLowerCase(), dataset: datasetKey } });
  expect(derived.status()).toBe(201);
  const evalset = ((await derived.json()) as { key: string }).key;
  const base = await request.post("/api/runs", {
    data: { kind: "eval", config: { model: "tiny-llama", evalset, limit: 4, max_new_tokens: 16, device: "cpu" }, tags: ["e2e"] },
  });
  expect(base.status()).toBe(202);
  const baseId = ((await base.json()) as { id: string }).id;

  // The trained run, evaluated from its page.
  await page.goto(runUrl);
  const form = page.getByRole("form", { name: "Evaluate this run" });
  await form.getByLabel("Eval set").selectOption(evalset);
  await form.getByLabel(/Only the first N items/).fill("4");
  await form.getByLabel("Max new tokens").fill("16");
  await shot(page, "run-evaluate");
  await form.getByRole("button", { name: "Evaluate" }).click();
  await page.waitForURL((url) => /^\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== runUrl);
  const evalId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect(page.getByTestId("run-status").first()).toHaveText("succeeded", { timeout: 180_000 });
  await page.getByRole("link", { name: "Scorecard" }).click();
  await expect(page).toHaveURL(`/evaluations/${evalId}`);
  await expect(page.getByRole("heading", { name: /Evaluation of run / })).toBeVisible();
  await expect(page.getByRole("table", { name: "Items" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Failure classes" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Settings" })).toContainText("fingerprint");
  await shot(page, "evaluation-detail");

  // The trained run's page lists the evaluation with its score; the eval set has its own page.
  await page.goto(runUrl);
  await expect(page.getByRole("table", { name: "Evaluations" }).getByRole("link", { name: evalset })).toHaveAttribute("href", `/evaluations/${evalId}`);
  await page.goto("/evalsets");
  await page.getByRole("table", { name: "Eval sets" }).getByRole("link", { name: evalset }).click();
  await expect(page.getByRole("heading", { name: `Eval set ${evalset}` })).toBeVisible();
  const count = Number(await page.getByTestId("item-count").innerText());
  await expect(page.getByRole("table", { name: "Items" }).locator("tbody tr")).toHaveCount(Math.min(count, 50));
  await shot(page, "evalset-detail");

  // Both on the leaderboard of the eval set (the base model's run may still be finishing).
  await expect
    .poll(async () => ((await (await request.get(`/api/evaluations/${baseId}`)).status())), { timeout: 120_000 })
    .toBe(200);
  await page.goto(`/evaluations?evalset=${encodeURIComponent(evalset)}`);
  const board = page.getByRole("table", { name: "Leaderboard" });
  await expect(board.getByRole("link", { name: `run ${trainId.slice(0, 8)}` })).toBeVisible();
  await expect(board.getByRole("link", { name: "tiny-llama" })).toBeVisible();
  await shot(page, "leaderboard");
  await page.getByRole("checkbox", { name: `Select evaluation ${baseId} to compare` }).check();
  await page.getByRole("checkbox", { name: `Select evaluation ${evalId} to compare` }).check();
  await page.getByRole("button", { name: "Compare selected (2/2)" }).click();
  await expect(page).toHaveURL(new RegExp(`/evaluations/compare\\?a=${baseId}&b=${evalId}$`));
  await expect(page.getByTestId("mcnemar-p")).not.toBeEmpty();
  await page.getByLabel("Show").selectOption("all");
  await expect(page.getByRole("table", { name: "Items side by side" }).locator("tbody tr")).toHaveCount(4);
  await shot(page, "evaluation-compare");

  // The regression gate: the base model's score as the bar, the trained run checked against it.
  await page.goto(`/evaluations/regression?evaluation=${baseId}&evalset=${encodeURIComponent(evalset)}`);
  const gate = unique("gate").toLowerCase();
  await page.getByLabel("Name").fill(gate);
  await page.getByLabel("Minimum effect, absolute").fill("1");
  await page.getByRole("button", { name: "Save baseline" }).click();
  await expect(page.getByRole("table", { name: "Baselines" })).toContainText(gate);
  await expect(page.getByRole("combobox", { name: "Baseline", exact: true })).toHaveValue(gate);
  await page.getByLabel(/^Run id/).fill(evalId);
  // Evaluated with the same settings (the compare above was not refused), so no "Check anyway".
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("gate-result")).toContainText("Passed");
  await expect(page.getByTestId("gate-reason")).not.toBeEmpty();
  await shot(page, "regression");
});

test("promote the trained run into the registry and download a version", async ({ page }) => {
  const name = unique("e2e-model").toLowerCase();
  await page.goto(runUrl);
  const form = page.getByRole("form", { name: "Promote to the registry" });
  await form.getByLabel(/^Model name/).fill(name);
  await form.getByRole("button", { name: "Promote" }).click();
  await form.getByRole("link", { name: `${name} v1` }).click();
  await expect(page).toHaveURL(`/models/${name}?version=v1`);
  await expect(page.getByRole("heading", { name: /Version v1/ })).toBeVisible();
  await expect(page.getByLabel("Provenance")).toContainText(runUrl.split("/").at(-1)!);
  await page.getByRole("textbox", { name: "Alias", exact: true }).fill("champion");
  await page.getByRole("button", { name: "Set alias" }).click();
  await expect(page.getByRole("list", { name: "Aliases" })).toContainText("@champion → v1");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: `Download ${name} v1 as a tar` }).click();
  expect((await download).suggestedFilename()).toBe(`${name}-v1.tar`);
  await shot(page, "model-detail");
  await page.goto("/models");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await shot(page, "models-list");
  await page.goto("/");
  await expect(page.getByRole("table", { name: "Recent runs" })).toBeVisible();
  await expect(page.getByTestId("workers-alive")).not.toHaveText("0");
  await shot(page, "overview-runs");
});
