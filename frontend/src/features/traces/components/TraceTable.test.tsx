import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, it, vi } from "vitest";
import { summaryBody } from "../../../test/fixtures";
import { renderAt } from "../../../test/render";
import { TraceTable } from "./TraceTable";

it("links each row to its trace and reports selection", async () => {
  const onToggle = vi.fn();
  const long = "x".repeat(200);
  const traces = [
    summaryBody(1, { tags: ["gold"] }),
    summaryBody(2, { prompt: long, quality_ok: false, quality_flags: ["answer_not_in_steps"], source: null }),
  ];
  renderAt(<TraceTable traces={traces} selected={[traces[0]!.id]} onToggle={onToggle} />);
  expect(screen.getByRole("link", { name: "Prompt number 1" })).toHaveAttribute("href", `/traces/${traces[0]!.id}`);
  expect(screen.getByText("gold")).toBeInTheDocument();
  expect(screen.getByText("answer not in steps")).toBeInTheDocument();
  expect(screen.getByTitle(long)).toHaveTextContent(/…$/);
  const boxes = screen.getAllByRole("checkbox");
  expect(boxes[0]).toBeChecked();
  await userEvent.click(boxes[1]!);
  expect(onToggle).toHaveBeenCalledWith(traces[1]!.id);
});
