import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { shot } from "./support";

// The sweep pages on a finished sweep. Running a real one needs Ray and minutes of training per
// trial (tests/sweeps/test_sweep_ray.py does that), so this seeds one straight into the server's
// PostgreSQL the way the sweep's driver records it: the sweep run and its trials' training runs,
// finished, and eight trial rows (six scored, one failed, one stopped by ASHA). Nothing is queued,
// so the server's worker has nothing to pick up.
const ROOT = resolve(import.meta.dirname, "../..");

const SEED = `
import asyncio, json, sys
from tunix_rt import db
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.sweeps import store
from tunix_rt.db import utcnow

CONFIG = {
    "base": {"dataset": {"key": "arith@v1"}, "model": "tiny-llama", "max_steps": 10, "batch_size": 8, "device": "cpu"},
    "space": {"optimizer.lr": {"type": "loguniform", "low": 1e-4, "high": 3e-3}, "lora.r": {"type": "choice", "values": [4, 8, 16]}},
    "objective": {"evalset": "arith-eval@v1", "metric": "strict_accuracy", "mode": "max", "limit": 32},
    "search": {"type": "optuna", "seed": 0},
    "scheduler": {"type": "asha", "grace_period": 2},
    "trials": 8,
    "concurrency": 2,
}
TRIALS = [
    (0.00012, 4, "succeeded", 0.31, 1.92, None),
    (0.0021, 16, "succeeded", 0.56, 1.41, None),
    (0.0009, 8, "succeeded", 0.47, 1.55, None),
    (0.0029, 16, "failed", None, 1.38, "RuntimeError: loss is nan at step 6"),
    (0.00031, 4, "stopped", None, 2.21, "stopped by the ASHA scheduler"),
    (0.0016, 8, "succeeded", 0.53, 1.44, None),
    (0.00055, 16, "succeeded", 0.41, 1.63, None),
    (0.0012, 4, "succeeded", 0.44, 1.58, None),
]

def finish(run):
    run.status = RunStatus.SUCCEEDED
    run.started_at = run.finished_at = utcnow()

async def main(url):
    engine = db.create_engine(url)
    kinds = KindRegistry()
    try:
        async with db.transaction(db.session_factory(engine)) as session:
            config, refs = kinds.validate("sweep", CONFIG)
            sweep = await runs.submit(session, "sweep", config.model_dump(mode="json"), refs, tags=["e2e"])
            finish(sweep)
            for n, (lr, r, status, objective, loss, error) in enumerate(TRIALS):
                base = dict(CONFIG["base"], optimizer={"lr": lr}, lora={"r": r})
                train, train_refs = kinds.validate("train", base)
                child = await runs.submit(session, "train", train.model_dump(mode="json"), train_refs, parent_id=sweep.id)
                finish(child)
                await store.upsert_trial(
                    session, sweep.id, f"trial_{n:02d}", params={"optimizer.lr": lr, "lora.r": r}, status=status,
                    objective=objective, last_loss=loss, error=error, train_run_id=child.id,
                )
            print(json.dumps({"sweep": str(sweep.id)}))
    finally:
        await engine.dispose()

asyncio.run(main(sys.argv[1]))
`;

let sweepId = "";

test.beforeAll(() => {
  const url = process.env.TUNIX_RT_E2E_DATABASE_URL;
  if (!url) throw new Error("TUNIX_RT_E2E_DATABASE_URL is not set (global-setup.ts sets it)");
  const out = execFileSync(join(ROOT, ".venv/bin/python"), ["-c", SEED, url], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  sweepId = (JSON.parse(out.trim().split("\n").at(-1)!) as { sweep: string }).sweep;
});

test("a sweep's trials, objective curve and parallel coordinates, linked from the runs", async ({ page }) => {
  await page.goto("/sweeps");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: sweepId.slice(0, 8) }) });
  await expect(row).toContainText("strict_accuracy (max)");
  await expect(row).toContainText("0.56");
  await shot(page, "sweeps-list");

  await row.getByRole("link", { name: sweepId.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/sweeps/${sweepId}$`));
  const trials = page.getByRole("table", { name: "Trials" });
  await expect(trials.getByRole("row")).toHaveCount(9);
  await expect(page.getByRole("row", { name: "Trial trial_01 (best)" })).toHaveClass(/best/);
  await expect(trials).toContainText("loss is nan at step 6");
  await expect(page.getByRole("row", { name: "Trial trial_01 (best)" })).toContainText("2.10e-3"); // one learning-rate form
  await expect(page.getByRole("row", { name: "Trial trial_00" })).toContainText("1.20e-4");
  await expect(page.getByTestId("parallel-coordinates").locator("path")).toHaveCount(8);
  await expect(page.getByTestId("objective-chart")).toHaveAttribute("data-points", "6");
  await expect(page.getByTestId("objective-chart").locator("canvas")).toHaveCount(1);
  await shot(page, "sweep-detail");

  // The best trial's run was seeded without training output: the registry refuses it, in place.
  await page.getByLabel("Model name").fill("arith-sweep");
  await page.getByRole("button", { name: "Promote best" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await page.goto(`/runs/${sweepId}`);
  // the sweep's own run: its trials and best objective, not an empty curves panel
  await expect(page.getByTestId("sweep-summary")).toContainText("0.56 (trial trial_01)");
  await expect(page.getByTestId("sweep-summary")).toContainText("8 finished (6 succeeded) of 8 planned");
  await page.getByRole("link", { name: "Sweep: trials and best" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Sweep/ })).toBeVisible();
  await page.getByRole("link", { name: "Training run of trial trial_02" }).click();
  await page.getByRole("link", { name: "Its sweep" }).click();
  await expect(page).toHaveURL(new RegExp(`/sweeps/${sweepId}$`));
});

test("a bad sweep config is refused with the server's errors on its lines", async ({ page }) => {
  await page.goto("/sweeps/new");
  const editor = page.getByLabel("Sweep config (YAML)");
  const text = await editor.inputValue();
  await editor.fill(text.replace("trials: 4", "trials: 0"));
  await page.getByRole("button", { name: "Start sweep" }).click();
  const problems = page.getByRole("list", { name: "Config problems" });
  await expect(problems).toContainText(/line \d+ trials/);
  await expect(page).toHaveURL(/\/sweeps\/new$/);
  await shot(page, "sweep-new-422");
});
