import { expect, test } from "@playwright/test";
import { createTrace, shot, trace, unique } from "./support";

test("the list shows the demo traces and filters by text", async ({ page }) => {
  await page.goto("/traces");
  const rows = page.locator("table.traces tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(50);
  await expect(page.getByRole("button", { name: "Next page →" })).toBeVisible();
  await shot(page, "traces-list");

  await page.getByRole("button", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows.first()).toBeVisible();
  await page.getByRole("button", { name: "← First page" }).click();
  await expect(page).not.toHaveURL(/cursor=/);

  await page.getByLabel("Search").fill("Reverse the string");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=Reverse/);
  await expect(rows.first()).toContainText("Reverse the string");
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Reverse the string");
  await page.getByLabel("Source").fill("synth:string");
  await page.getByLabel("Meta").fill("category=reverse");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/meta.category=reverse/);
  await expect(rows.first()).toContainText("synth:string");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(rows).toHaveCount(50);
});

test("quality=flagged finds a wrong computation and the viewer highlights it", async ({ page, request }) => {
  const word = unique("crates");
  await createTrace(
    request,
    trace(
      `How many ${word} are in 27 boxes of 19?`,
      [
        ["setup", "There are 27 boxes with 19 each."],
        ["calculation", "27 × 19 = 523"],
        ["answer", "So there are 523 in total."],
      ],
      "523",
    ),
  );
  await page.goto("/traces");
  await page.getByLabel("Quality").selectOption("flagged");
  await expect(page).toHaveURL(/quality=flagged/);
  const row = page.locator("table.traces tbody tr", { hasText: word });
  await expect(row).toBeVisible();
  await expect(row.getByText("arithmetic error")).toBeVisible();
  await row.getByRole("link").click();

  await expect(page.getByRole("heading", { name: "Trace", exact: true })).toBeVisible();
  const wrong = page.locator("mark.arith-wrong");
  await expect(wrong).toHaveCount(1);
  await expect(wrong).toContainText("27 × 19 = 523");
  await expect(wrong).toHaveAttribute("data-expected", "513");
  await expect(page.locator("#step-1")).toContainText("arithmetic error");
  await expect(page.getByTestId("final-answer")).toHaveText("523");
  await shot(page, "trace-viewer");

  // A reload on the viewer's own URL still works (the server falls back to index.html).
  await page.reload();
  await expect(page.locator("mark.arith-wrong")).toHaveCount(1);
});

test("a JSONL upload with a bad line reports that line", async ({ page }) => {
  const word = unique("upload");
  const good = trace(`Add 2 and 3 (${word})`, [["calculation", "2 + 3 = 5"]], "5");
  const lines = [JSON.stringify(good), JSON.stringify({ prompt: "no steps here", final_answer: "1" }), ""].join("\n");
  const file = { name: "traces.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(lines) };

  await page.goto("/traces/add");
  await page.getByLabel("File (one trace per line)").setInputFiles(file);
  await page.getByRole("button", { name: "Upload" }).click();
  const failure = page.getByRole("alert").filter({ has: page.getByRole("table", { name: "Line errors" }) });
  await expect(failure).toBeVisible();
  await expect(failure.getByRole("row", { name: /^2 / })).toContainText("steps");
  await shot(page, "upload-all-or-nothing");

  await page.getByLabel("store the valid lines").check();
  await page.getByRole("button", { name: "Upload" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("2 lines: 1 created");
  await expect(status.getByRole("table", { name: "Line errors" })).toContainText("steps");
  await shot(page, "upload-partial");
});

test("the synth form creates traces", async ({ page }) => {
  const tag = unique("synth");
  await page.goto("/traces/add");
  await page.getByLabel("Kind").selectOption("arithmetic");
  await page.getByLabel("Count").fill("7");
  await page.getByLabel("Seed").fill(String(Date.now() % 100000));
  await page.getByLabel(/Tags/).fill(tag);
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByRole("status")).toContainText("7 created");
  await shot(page, "synth");
  await page.getByRole("link", { name: "See them" }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));
  await expect(page.locator("table.traces tbody tr")).toHaveCount(7);
});

test("comparing two traces shows the step diff", async ({ page, request }) => {
  const tag = unique("cmp");
  const prompt = "A shop sells 6 pens for $12. What does one pen cost?";
  await createTrace(
    request,
    trace(prompt, [["setup", "6 pens cost $12."], ["calculation", "12 ÷ 6 = 2"], ["answer", "One pen costs $2"]], "$2", [tag]),
  );
  await createTrace(
    request,
    trace(
      prompt,
      [["setup", "6 pens cost $12."], ["calculation", "12 ÷ 6 = 3"], ["check", "3 × 6 = 18"], ["answer", "One pen costs $3"]],
      "$3",
      [tag],
    ),
  );
  await page.goto(`/traces?tag=${tag}`);
  const boxes = page.getByRole("checkbox");
  await expect(boxes).toHaveCount(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Compare selected (2/2)" }).click();

  await expect(page.getByRole("heading", { name: "Compare traces" })).toBeVisible();
  const diff = page.getByRole("table", { name: "Step diff" });
  await expect(diff.locator('tr[data-op="equal"]')).toContainText("6 pens cost $12.");
  await expect(diff.locator('tr[data-op="replace"]').first()).toContainText("12 ÷ 6 = 2");
  await expect(diff.locator('tr[data-op="replace"]').first()).toContainText("12 ÷ 6 = 3");
  await expect(page.getByText(/1 same/)).toBeVisible();
  await shot(page, "compare");
});

test("the filter bar wraps instead of overflowing, so Clear stays in view at 1400 px and narrower", async ({ page }) => {
  for (const width of [1400, 1100, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/traces");
    const form = page.getByRole("form", { name: "Filters" });
    const clear = form.getByRole("button", { name: "Clear" });
    await expect(clear).toBeVisible();
    const bar = (await form.boundingBox())!;
    const button = (await clear.boundingBox())!;
    expect(button.x + button.width, `Clear inside the bar at ${width}px`).toBeLessThanOrEqual(bar.x + bar.width);
    expect(bar.x + bar.width, `the bar inside the window at ${width}px`).toBeLessThanOrEqual(width);
    expect(await form.evaluate((el) => el.scrollWidth - el.clientWidth), `nothing scrolls sideways at ${width}px`).toBe(0);
  }
});
