import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, it, vi } from "vitest";
import type { RolloutRead } from "../../../api/types";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunDetailPage } from "./RunDetailPage";

vi.mock("uplot", () => import("../../../test/fakeUplot"));

const grpo = runBody({ config: { method: "grpo", dataset: { key: "arith@v1" } } });

function rollout(step: number, group: number, index: number, overrides: Partial<RolloutRead> = {}): RolloutRead {
  return {
    step,
    group_index: group,
    sample_index: index,
    prompt: `What is 2+${group + 2}?`,
    completion: `<answer>${step}-${group}-${index}</answer>`,
    answer: String(4 + group),
    rewards: { format: 0.5, correctness: index === 0 ? 1 : 0 },
    total: index === 0 ? 2.5 : 0.5,
    advantage: index === 0 ? 0.707 : -0.707,
    length: 12 + index,
    ...overrides,
  };
}

function summary(step: number, format: number) {
  return { step, rewards: { format, correctness: 0.25 }, total: format + 0.5, length: 12.5, zero_std_groups: 0.5 };
}

it("shows a GRPO run's alarms, curves and, per step, one prompt's completions side by side", async () => {
  const { calls } = mockApi({
    [`GET /api/runs/${grpo.id}`]: () => ({ body: grpo }),
    "GET /api/runs/metrics": () => ({ body: { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${grpo.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    [`GET /api/runs/${grpo.id}/rollouts/steps`]: () => ({
      body: {
        steps: [summary(1, 0), summary(5, 0.2), summary(10, 0.9), summary(15, 1)],
        window: 4,
        alarms: [
          {
            kind: "format_without_correctness",
            first_step: 1,
            last_step: 15,
            message: "format reward rose 0.10 -> 0.95 while correctness went 0.25 -> 0.25",
            values: {},
          },
        ],
      },
    }),
    [`GET /api/runs/${grpo.id}/rollouts`]: ({ url }) => {
      const step = Number(url.searchParams.get("step"));
      return { body: { items: [0, 1].flatMap((group) => [0, 1].map((index) => rollout(step, group, index))), next_cursor: null } };
    },
  });
  renderAt(<RunDetailPage />, { url: `/runs/${grpo.id}`, path: "/runs/:runId" });

  const alarms = await screen.findByRole("list", { name: "Reward-hacking alarms" });
  expect(alarms).toHaveTextContent("format without correctness (steps 1–15): format reward rose 0.10 -> 0.95");
  expect(screen.getByTestId("chart-rewards per step")).toHaveAttribute("data-points", "12");
  expect(screen.getByTestId("chart-completion length")).toHaveAttribute("data-points", "4");

  // the latest recorded step first, its first prompt's group side by side
  const slider = screen.getByRole("slider", { name: "Step" });
  expect(slider).toHaveValue("3");
  const group = await screen.findByRole("list", { name: "Completions of the group" });
  const [best, worst] = within(group).getAllByRole("listitem");
  expect(best).toHaveTextContent("<answer>15-0-0</answer>");
  expect(within(best!).getByText("2.5")).toBeInTheDocument();
  expect(within(best!).getByText("+0.707")).toBeInTheDocument();
  expect(within(worst!).getByText("-0.707")).toBeInTheDocument();
  expect(within(worst!).getByText("13 tokens")).toBeInTheDocument();
  expect(screen.getByText("What is 2+2?")).toBeInTheDocument();

  await userEvent.click(screen.getByRole("button", { name: "prompt 2" }));
  expect(screen.getByText("What is 2+3?")).toBeInTheDocument();
  expect(within(screen.getByRole("list", { name: "Completions of the group" })).getAllByRole("listitem")[0]).toHaveTextContent(
    "<answer>15-1-0</answer>",
  );

  fireEvent.change(slider, { target: { value: "1" } });
  expect(await screen.findByText("<answer>5-1-0</answer>")).toBeInTheDocument();
  expect(screen.getByText(/step 5 \(2 of 4 recorded\)/)).toBeInTheDocument();
  expect(calls.some((call) => call.url.pathname.endsWith("/rollouts") && call.url.searchParams.get("step") === "5")).toBe(true);
});

it("says so when a GRPO run has recorded no rollouts yet", async () => {
  const empty = runBody({ id: "22222222-2222-4222-8222-222222222222", config: { method: "grpo" } });
  mockApi({
    [`GET /api/runs/${empty.id}`]: () => ({ body: empty }),
    "GET /api/runs/metrics": () => ({ body: { points: 3000, returned: 0, series: [] } }),
    [`GET /api/runs/${empty.id}/artifacts`]: () => ({ body: { truncated: false, items: [] } }),
    [`GET /api/runs/${empty.id}/rollouts/steps`]: () => ({ body: { steps: [], alarms: [], window: 4 } }),
  });
  renderAt(<RunDetailPage />, { url: `/runs/${empty.id}`, path: "/runs/:runId" });
  expect(await screen.findByText("No rollouts recorded yet.")).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "Rollouts" })).toBeInTheDocument();
});
