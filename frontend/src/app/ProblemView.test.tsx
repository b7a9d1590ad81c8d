import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { ProblemView } from "./ProblemView";

it("shows title, status, detail and field errors with their paths", () => {
  render(
    <ProblemView
      problem={{
        title: "Invalid input",
        status: 422,
        detail: "2 problem(s)",
        errors: [
          { loc: ["body", "steps", 0, "content"], msg: "too long" },
          { line: 3, loc: ["steps"], msg: "Field required" },
          { loc: ["x"], msg: "third" },
        ],
      }}
      maxErrors={2}
    />,
  );
  expect(screen.getByText("Invalid input")).toBeInTheDocument();
  expect(screen.getByText("(422)")).toBeInTheDocument();
  expect(screen.getByText("2 problem(s)")).toBeInTheDocument();
  expect(screen.getByText("body › steps › 0 › content")).toBeInTheDocument();
  expect(screen.getByText("line 3")).toBeInTheDocument();
  expect(screen.getByText("…and 1 more")).toBeInTheDocument();
});
