import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody, statsBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { DatasetBuilderPage } from "./DatasetBuilderPage";

afterEach(() => vi.unstubAllGlobals());

it("counts what the query selects as it is edited, then builds and opens the dataset", async () => {
  const { calls } = mockApi({
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "POST /api/datasets/count": ({ body }) => ({ body: { matched: (body as { source?: string }).source ? 24 : 120 } }),
    "POST /api/datasets": () => ({ status: 201, body: datasetBody() }),
  });
  renderAt(<DatasetBuilderPage />, { url: "/datasets/new" });
  expect(await screen.findByTestId("live-count")).toHaveTextContent("120");
  await userEvent.type(screen.getByLabelText("Source"), "synth:arithmetic");
  await vi.waitFor(() => expect(screen.getByTestId("live-count")).toHaveTextContent("24"));
  const counts = calls.filter((call) => call.url.pathname === "/api/datasets/count");
  expect(counts.at(-1)?.body).toEqual({ source: "synth:arithmetic" });
  expect(counts.length).toBeLessThan(5); // debounced, not one request a keystroke

  await userEvent.type(screen.getByLabelText(/^Name/), "demo");
  await userEvent.selectOptions(screen.getByLabelText("Strategy"), "stratified");
  await userEvent.type(screen.getByLabelText("Stratify by (meta key)"), "category");
  await userEvent.click(screen.getByRole("button", { name: "Build dataset" }));
  await vi.waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/datasets/demo%40v1"));
  const build = calls.find((call) => call.method === "POST" && call.url.pathname === "/api/datasets")!;
  expect(build.body).toMatchObject({ name: "demo", query: { source: "synth:arithmetic" }, selection: { strategy: "stratified", stratify_by: "category" } });
});

it("shows a refused build and a refused query in place", async () => {
  mockApi({
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "POST /api/datasets/count": () => ({ status: 422, body: { title: "Invalid input", status: 422, detail: "min_steps is greater than max_steps" } }),
    "POST /api/datasets": () => ({ status: 422, body: { title: "Invalid input", status: 422, detail: "the query selects no traces" } }),
  });
  renderAt(<DatasetBuilderPage />, { url: "/datasets/new" });
  expect(await screen.findByText("min_steps is greater than max_steps")).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText(/^Name/), "empty");
  await userEvent.click(screen.getByRole("button", { name: "Build dataset" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("the query selects no traces");
});
