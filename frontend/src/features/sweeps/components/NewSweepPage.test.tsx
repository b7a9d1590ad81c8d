import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { SWEEP_ID, sweepBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { NewSweepPage } from "./NewSweepPage";

afterEach(() => vi.unstubAllGlobals());

it("submits the prefilled tiny-preset example and opens the new sweep", async () => {
  const { calls } = mockApi({ "POST /api/sweeps": () => ({ status: 202, body: sweepBody() }) });
  renderAt(<NewSweepPage />, { url: "/sweeps/new" });
  expect(document.title).toBe("New sweep · tunix-rt");
  expect((screen.getByLabelText("Sweep config (YAML)") as HTMLTextAreaElement).value).toContain("model: tiny-llama");
  await userEvent.type(screen.getByLabelText(/^Tags/), "lr, demo");
  await userEvent.click(screen.getByRole("button", { name: "Start sweep" }));
  // the location is on the page from the start: wait for it to change, not to appear
  await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/sweeps/${SWEEP_ID}`));
  const body = calls[0]!.body as { config: Record<string, unknown>; tags: string[] };
  expect(body.tags).toEqual(["lr", "demo"]);
  expect(body.config).toMatchObject({ base: { model: "tiny-llama", max_steps: 10 }, trials: 4, objective: { metric: "strict_accuracy" } });
});

it("shows the server's 422 errors by config path and line", async () => {
  mockApi({
    "POST /api/sweeps": () => ({
      status: 422,
      body: {
        title: "Invalid",
        status: 422,
        detail: "2 problem(s) in the sweep config, first at body.config.space.optimizer.lr",
        errors: [
          { loc: ["body", "config", "space", "optimizer.lr"], msg: "optimizer.lr = 50.0: Input should be less than 1", type: "less_than" },
          { loc: ["body", "config", "trials"], msg: "Input should be greater than or equal to 1", type: "greater_than_equal" },
        ],
      },
    }),
  });
  renderAt(<NewSweepPage />, { url: "/sweeps/new" });
  const editor = screen.getByLabelText("Sweep config (YAML)");
  fireEvent.change(editor, { target: { value: "base: {dataset: {key: arith@v1}}\nspace:\n  optimizer.lr: {type: uniform, low: 1, high: 50}\nobjective: {evalset: arith-eval@v1}\ntrials: 0\n" } });
  await userEvent.click(screen.getByRole("button", { name: "Start sweep" }));
  const list = await screen.findByRole("list", { name: "Config problems" });
  expect([...list.querySelectorAll("li")].map((item) => item.textContent)).toEqual([
    "line 3 space › optimizer.lr optimizer.lr = 50.0: Input should be less than 1",
    "line 5 trials Input should be greater than or equal to 1",
  ]);
  expect(screen.getByRole("alert")).toHaveTextContent("first at body.config.space.optimizer.lr");
  expect(editor).toHaveAttribute("aria-invalid", "true");
});

it("does not send YAML that does not parse", async () => {
  const { calls } = mockApi({});
  renderAt(<NewSweepPage />, { url: "/sweeps/new" });
  fireEvent.change(screen.getByLabelText("Sweep config (YAML)"), { target: { value: "space: [unclosed\n" } });
  await userEvent.click(screen.getByRole("button", { name: "Start sweep" }));
  expect(screen.getByRole("alert")).toHaveTextContent(/^YAML: /);
  expect(calls).toHaveLength(0);
  await userEvent.click(screen.getByRole("button", { name: "Reset to the example" }));
  expect((screen.getByLabelText("Sweep config (YAML)") as HTMLTextAreaElement).value).toContain("trials: 4");
});
