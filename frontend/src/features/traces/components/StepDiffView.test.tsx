import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { StepDiffRun } from "../../../api/types";
import { StepDiffView } from "./StepDiffView";

const s = (i: number, content: string) => ({ i, type: "calc", content });

it("lays runs out side by side with a summary", () => {
  const runs: StepDiffRun[] = [
    { op: "equal", a: [s(0, "same")], b: [s(0, "same")] },
    { op: "replace", a: [s(1, "2 + 2 = 5")], b: [s(1, "2 + 2 = 4"), s(2, "extra")] },
    { op: "delete", a: [s(2, "gone")], b: [] },
    { op: "insert", a: [], b: [s(3, "new")] },
  ];
  const { container } = render(
    <StepDiffView
      runs={runs}
      checksA={[{ step: 1, expression: "2 + 2", stated: "5", expected: "4", correct: false, start: 0, end: 9 }]}
      checksB={[]}
    />,
  );
  expect(screen.getByText("1 same · 2 changed · 1 only in A · 1 only in B")).toBeInTheDocument();
  const rows = container.querySelectorAll("tbody tr");
  expect(rows).toHaveLength(5);
  expect(rows[1]).toHaveAttribute("data-op", "replace");
  expect(rows[1]).toHaveTextContent("changed");
  expect(rows[2]).toHaveTextContent("extra");
  expect(rows[2]?.querySelector(".diff-empty")).not.toBeNull();
  expect(rows[3]).toHaveTextContent("only in A");
  expect(rows[4]).toHaveTextContent("only in B");
  expect(container.querySelector("mark.arith-wrong")).toHaveTextContent("2 + 2 = 5");
});
