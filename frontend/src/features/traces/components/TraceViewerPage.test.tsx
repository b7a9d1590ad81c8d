import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { traceBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { TraceViewerPage } from "./TraceViewerPage";

afterEach(() => vi.unstubAllGlobals());

const trace = traceBody({ tags: ["gold"], meta: { category: "reasoning", seed: 4 } });
const path = `/api/traces/${trace.id}`;

function open() {
  return renderAt(<TraceViewerPage />, { url: `/traces/${trace.id}`, path: "/traces/:traceId" });
}

it("shows prompt, steps, answer, quality report, tags and meta", async () => {
  mockApi({ [`GET ${path}`]: () => ({ body: trace }) });
  const { container } = open();
  expect(await screen.findByText("What is 27 × 19?")).toBeInTheDocument();
  expect(screen.getByTestId("final-answer")).toHaveTextContent("523");
  expect(container.querySelector("#step-1 mark.arith-wrong")).toHaveTextContent("27 × 19 = 523");
  expect(screen.getByRole("heading", { name: "Quality" })).toBeInTheDocument();
  expect(screen.getByText("gold")).toBeInTheDocument();
  expect(screen.getByText("reasoning")).toBeInTheDocument();
  expect(screen.getByText("4")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Compare with…" })).toHaveAttribute("href", `/traces/compare?a=${trace.id}`);
});

it("edits tags with PATCH and shows the answer", async () => {
  let stored = trace;
  const { calls } = mockApi({
    [`GET ${path}`]: () => ({ body: stored }),
    [`PATCH ${path}`]: ({ body }) => {
      stored = { ...stored, tags: [...stored.tags, ...((body as { add?: string[] }).add ?? [])] };
      return { body: stored };
    },
  });
  open();
  await userEvent.type(await screen.findByLabelText("New tag"), "silver");
  await userEvent.click(screen.getByRole("button", { name: "Add" }));
  expect(await screen.findByText("silver")).toBeInTheDocument();
  expect(screen.getByLabelText("New tag")).toHaveValue("");
  expect(calls.find((call) => call.method === "PATCH")?.body).toEqual({ add: ["silver"] });
});

it("deletes after confirmation and returns to the list", async () => {
  const { calls } = mockApi({ [`GET ${path}`]: () => ({ body: trace }), [`DELETE ${path}`]: () => ({ status: 204 }) });
  const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
  open();
  await userEvent.click(await screen.findByRole("button", { name: "Delete" }));
  expect(calls.some((call) => call.method === "DELETE")).toBe(false);
  await userEvent.click(screen.getByRole("button", { name: "Delete" }));
  // the location is on the page from the start: wait for it to change, not to appear
  await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/traces$/));
  expect(confirm).toHaveBeenCalledTimes(2);
  expect(calls.filter((call) => call.method === "DELETE")).toHaveLength(1);
});

it("says when the trace cannot be loaded", async () => {
  mockApi({});
  open();
  expect(await screen.findByText(/Could not load trace/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to the list" })).toHaveAttribute("href", "/traces");
});
