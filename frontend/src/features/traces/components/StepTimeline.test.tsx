import { render, screen, within } from "@testing-library/react";
import { expect, it } from "vitest";
import { traceBody } from "../../../test/fixtures";
import { StepTimeline } from "./StepTimeline";

it("numbers the steps, shows their types and flags the step with wrong arithmetic", () => {
  const trace = traceBody();
  render(<StepTimeline steps={trace.steps} checks={trace.quality.arithmetic} />);
  const items = within(screen.getByRole("list", { name: "Steps" })).getAllByRole("listitem");
  expect(items).toHaveLength(2);
  expect(items[0]).toHaveTextContent(/^1setup/);
  expect(items[1]).toHaveTextContent("calculation");
  expect(items[1]).toHaveClass("wrong");
  expect(within(items[1]!).getByText("arithmetic error")).toBeInTheDocument();
  expect(items[0]).not.toHaveClass("wrong");
});

it("shows a step's own index when it differs from its position", () => {
  render(<StepTimeline steps={[{ i: 4, type: "note", content: "x" }]} checks={[]} />);
  expect(screen.getByText("i=4")).toBeInTheDocument();
});
