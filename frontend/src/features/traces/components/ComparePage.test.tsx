import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { traceBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { ComparePage } from "./ComparePage";

afterEach(() => vi.unstubAllGlobals());

const a = traceBody();
const b = traceBody({ id: "00000000-0000-0000-0000-00000000000b", final_answer: "513" });

it("asks for two traces, then shows both and the step diff", async () => {
  const { calls } = mockApi({
    "GET /api/traces/compare": () => ({
      body: { a, b, step_diff: [{ op: "equal", a: a.steps, b: b.steps }] },
    }),
  });
  renderAt(<ComparePage />, { url: "/traces/compare?a=" + a.id });
  expect(screen.getByText(/Pick two traces/)).toBeInTheDocument();
  expect(screen.getByLabelText("Trace A")).toHaveValue(a.id);
  await userEvent.type(screen.getByLabelText("Trace B"), b.id);
  await userEvent.click(screen.getByRole("button", { name: "Compare" }));
  expect(await screen.findByRole("table", { name: "Step diff" })).toBeInTheDocument();
  expect(calls[0]?.url.search).toBe(`?a=${a.id}&b=${b.id}`);
  expect(screen.getByRole("link", { name: a.id })).toHaveAttribute("href", `/traces/${a.id}`);
  expect(screen.getAllByText("Answer:")[1]).toHaveTextContent("Answer: 513");
  expect(screen.getByText("2 same · 0 changed · 0 only in A · 0 only in B")).toBeInTheDocument();
});
