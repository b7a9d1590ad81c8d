import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { RunsPage } from "./RunsPage";

afterEach(() => vi.unstubAllGlobals());

const failed = runBody({ id: "22222222-2222-4222-8222-222222222222", status: "failed", error: "out of memory", name: "big batch" });

it("lists runs with the URL's filters, and retries a failed one", async () => {
  const { calls } = mockApi({
    "GET /api/runs": () => ({ body: { items: [runBody(), failed], next_cursor: "next" } }),
    [`POST /api/runs/${failed.id}/retry`]: () => ({ status: 202, body: runBody({ status: "queued" }) }),
  });
  renderAt(<RunsPage />, { url: "/runs?status=failed&tag=x" });
  expect(await screen.findByText("out of memory")).toBeInTheDocument();
  const named = screen.getByText("big batch").closest("td")!;
  expect(named).toHaveTextContent("22222222big batch");
  expect(screen.getByRole("link", { name: "22222222" })).toHaveAttribute("href", `/runs/${failed.id}`);
  const list = calls.find((call) => call.url.pathname === "/api/runs")!;
  expect(list.url.searchParams.get("status")).toBe("failed");
  expect(list.url.searchParams.get("tag")).toBe("x");
  expect(screen.getByRole("button", { name: "Cancel run 11111111" })).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Retry run 22222222" }));
  await vi.waitFor(() => expect(calls.some((call) => call.method === "POST")).toBe(true));

  await userEvent.selectOptions(screen.getByLabelText("Status"), "");
  expect(screen.getByTestId("location")).toHaveTextContent("/runs?tag=x");
  await userEvent.click(screen.getAllByRole("checkbox")[1]!);
  await userEvent.click(screen.getByRole("button", { name: "Overlay curves (1)" }));
  expect(screen.getByTestId("location")).toHaveTextContent(`/runs/compare?ids=${failed.id}`);
});

it("says when there are no runs", async () => {
  mockApi({ "GET /api/runs": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<RunsPage />, { url: "/runs" });
  expect(await screen.findByText(/No runs yet/)).toBeInTheDocument();
});

it("links a sweep and a trial's run to the sweep's page", async () => {
  const sweepId = "55555555-5555-4555-8555-555555555555";
  const sweep = runBody({ id: sweepId, kind: "sweep" });
  const trial = runBody({ id: "33333333-3333-4333-8333-333333333333", parent_id: sweepId });
  mockApi({ "GET /api/runs": () => ({ body: { items: [sweep, trial], next_cursor: null } }) });
  renderAt(<RunsPage />, { url: "/runs" });
  expect(await screen.findByRole("link", { name: "Sweep 55555555" })).toHaveAttribute("href", `/sweeps/${sweepId}`);
  expect(screen.getByRole("link", { name: "Sweep of run 33333333" })).toHaveAttribute("href", `/sweeps/${sweepId}`);
  expect(screen.queryByRole("link", { name: "Sweep of run 55555555" })).toBeNull();
});

it("links a loop's round run to the loop's page, reading the parent's kind when the list lacks it", async () => {
  const loopId = "66666666-6666-4666-8666-666666666666";
  const step = runBody({ id: "33333333-3333-4333-8333-333333333333", kind: "sample", parent_id: loopId });
  mockApi({
    "GET /api/runs": () => ({ body: { items: [step], next_cursor: null } }),
    [`GET /api/runs/${loopId}`]: () => ({ body: runBody({ id: loopId, kind: "loop" }) }),
  });
  renderAt(<RunsPage />, { url: "/runs" });
  const link = await screen.findByRole("link", { name: "Loop of run 33333333" });
  expect(link).toHaveAttribute("href", `/loops/${loopId}`);
  expect(link).toHaveTextContent("step of 66666666");
});

it("keeps long tags and run:<uuid> model names on one clipped line, the whole text in the title", async () => {
  const sweepId = "55555555-5555-4555-8555-555555555555";
  const trial = runBody({
    id: "33333333-3333-4333-8333-333333333333",
    model: `run:${"44444444-4444-4444-8444-444444444444"}`,
    tags: [`sweep:${sweepId}`, "trial:TrialTrainable_ab12c_00003"],
  });
  mockApi({ "GET /api/runs": () => ({ body: { items: [trial], next_cursor: null } }) });
  renderAt(<RunsPage />, { url: "/runs" });
  const model = await screen.findByText(trial.model!);
  expect(model).toHaveClass("clip");
  expect(model).toHaveAttribute("title", trial.model);
  const tags = screen.getByTestId("run-tags");
  expect(tags).toHaveClass("clip");
  expect(tags).toHaveAttribute("title", `sweep:${sweepId}, trial:TrialTrainable_ab12c_00003`);
  expect([...tags.querySelectorAll(".tag")].map((tag) => tag.textContent)).toEqual(trial.tags);
});
