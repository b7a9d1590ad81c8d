import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, it } from "vitest";
import { logLine } from "../../../test/eventSource";
import { LogTail, visibleText } from "./LogTail";

const many = Array.from({ length: 5000 }, (_, i) => logLine(i + 1, i % 100 === 0 ? `checkpoint ${i}` : `step ${i + 1}`));

it("renders only a window of a long log, following its end", () => {
  render(<LogTail logs={{ lines: many, dropped: 0, state: "live", pushesCurves: true }} />);
  const log = screen.getByRole("log", { name: "Run log" });
  const rows = log.querySelectorAll(".log-line");
  expect(rows.length).toBeLessThan(60);
  expect(within(log).getByText("step 5000")).toBeInTheDocument();
  expect(screen.getByText(/5000 lines · live/)).toBeInTheDocument();
});

it("searches, and pausing freezes the view while lines arrive", async () => {
  const { rerender } = render(<LogTail logs={{ lines: many.slice(0, 300), dropped: 0, state: "live", pushesCurves: true }} />);
  await userEvent.type(screen.getByLabelText("Search the log"), "checkpoint");
  expect(screen.getByText(/3 of 300 lines match/)).toBeInTheDocument();
  await userEvent.clear(screen.getByLabelText("Search the log"));
  await userEvent.click(screen.getByRole("button", { name: "Pause" }));
  rerender(<LogTail logs={{ lines: many.slice(0, 310), dropped: 0, state: "live", pushesCurves: true }} />);
  expect(screen.getByText(/300 lines · paused, 10 new/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Resume view" }));
  expect(screen.getByText(/310 lines · live/)).toBeInTheDocument();
});

it("says when there is nothing yet, and shows what a progress bar ends on", () => {
  render(<LogTail logs={{ lines: [], dropped: 0, state: "connecting", pushesCurves: false }} />);
  expect(screen.getByText("Waiting for log lines…")).toBeInTheDocument();
  expect(visibleText("\rTokenizing 0%\rTokenizing 100%")).toBe("Tokenizing 100%");
});
