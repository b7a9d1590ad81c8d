import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody, runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { NewRunPage } from "./NewRunPage";

afterEach(() => vi.unstubAllGlobals());

const datasets = () => ({ body: { items: [datasetBody()], next_cursor: null } });

it("checks the config before submitting, then submits the template's config", async () => {
  const { calls } = mockApi({
    "GET /api/datasets": datasets,
    "POST /api/runs": () => ({ status: 202, body: runBody({ status: "queued" }) }),
  });
  renderAt(<NewRunPage />, { url: "/runs/new" });
  await screen.findByRole("option", { name: "demo@v1 (64 items)" });
  await userEvent.click(screen.getByRole("button", { name: "Start run" }));
  expect(screen.getByText("pick a dataset (a key name@vN)")).toBeInTheDocument();
  expect(calls.some((call) => call.method === "POST")).toBe(false);

  await userEvent.selectOptions(screen.getByLabelText(/^Dataset/), "demo@v1");
  await userEvent.type(screen.getByLabelText(/^LoRA rank/), "4");
  await userEvent.click(screen.getByRole("button", { name: "Start run" }));
  expect(screen.getByText(/leave lora.r and lora.alpha unset/)).toBeInTheDocument();
  await userEvent.clear(screen.getByLabelText(/^LoRA rank/));
  await userEvent.type(screen.getByLabelText(/Tags/), "demo, cpu");
  await userEvent.type(screen.getByLabelText(/^Name/), " full fine-tune ");
  await userEvent.type(screen.getByLabelText(/^Notes/), "to compare with LoRA");
  await userEvent.click(screen.getByRole("button", { name: "Start run" }));
  await vi.waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/runs/${runBody().id}`));
  const post = calls.find((call) => call.method === "POST")!;
  expect(post.body).toMatchObject({ kind: "train", tags: ["demo", "cpu"], name: "full fine-tune", notes: "to compare with LoRA", config: { model: "tiny-llama", lora: { full: true }, max_steps: 15, dataset: { key: "demo@v1" } } });
});

it("edits the same config as YAML and shows the server's 422 next to the field", async () => {
  mockApi({
    "GET /api/datasets": datasets,
    "POST /api/runs": () => ({
      status: 422,
      body: {
        title: "Invalid input",
        status: 422,
        detail: "1 problem(s) in the train config, first at body.config.max_steps",
        errors: [{ loc: ["body", "config", "max_steps"], msg: "Input should be less than 100", type: "x" }],
      },
    }),
  });
  renderAt(<NewRunPage />, { url: "/runs/new?template=grpo&dataset=demo@v1" });
  expect(screen.getByRole("radio", { name: /GRPO/ })).toBeChecked();
  await userEvent.click(screen.getByRole("tab", { name: "YAML" }));
  const yaml = screen.getByLabelText("Config (YAML)");
  expect((yaml as HTMLTextAreaElement).value).toContain("num_generations: 4");
  await userEvent.clear(yaml);
  await userEvent.type(yaml, "dataset: [[");
  expect(screen.getByText(/^YAML:/)).toBeInTheDocument();
  expect(screen.getByRole("tab", { name: "Form" })).toBeDisabled();
  await userEvent.clear(yaml);
  await userEvent.type(yaml, "dataset:\n  key: demo@v1\nmax_steps: 500\n");
  await userEvent.click(screen.getByRole("tab", { name: "Form" }));
  expect(screen.getByLabelText(/^Max steps/)).toHaveValue(500);
  await userEvent.click(screen.getByRole("button", { name: "Start run" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Invalid input (422)");
  expect(document.getElementById("cfg-max_steps-error")).toHaveTextContent("Input should be less than 100");
  expect(screen.getByLabelText(/^Max steps/)).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByRole("alert")).toHaveTextContent("Invalid input (422)");
});

it("sends no name or notes when they are left empty", async () => {
  const { calls } = mockApi({
    "GET /api/datasets": datasets,
    "POST /api/runs": () => ({ status: 202, body: runBody({ status: "queued" }) }),
  });
  renderAt(<NewRunPage />, { url: "/runs/new?dataset=demo@v1" });
  await userEvent.type(screen.getByLabelText(/^Name/), "   ");
  await userEvent.click(screen.getByRole("button", { name: "Start run" }));
  await vi.waitFor(() => expect(calls.some((call) => call.method === "POST")).toBe(true));
  expect(calls.find((call) => call.method === "POST")!.body).toMatchObject({ name: null, notes: null });
});
