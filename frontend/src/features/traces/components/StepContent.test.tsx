import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { StepContent } from "./StepContent";

const check = { step: 0, expression: "27 × 19", stated: "523", expected: "513" };

it("highlights exactly the wrong computation and says what it should be", () => {
  const { container } = render(
    <StepContent content="So 27 × 19 = 523 in all." checks={[{ ...check, correct: false, start: 3, end: 16 }]} />,
  );
  const mark = container.querySelector("mark.arith-wrong");
  expect(mark).toHaveTextContent("27 × 19 = 523→ 513");
  expect(mark).toHaveAttribute("title", "wrong: 27 × 19 is 513, not 523");
  expect(container.textContent).toBe("So 27 × 19 = 523→ 513 in all.");
});

it("counts offsets in code points, as the server does", () => {
  // "🙂" is one code point but two UTF-16 units: slicing by units would cut the span wrong.
  const { container } = render(
    <StepContent
      content="🙂 2 + 2 = 5 and 1 + 1 = 2"
      checks={[
        { step: 0, expression: "2 + 2", stated: "5", expected: "4", correct: false, start: 2, end: 11 },
        { step: 0, expression: "1 + 1", stated: "2", expected: "2", correct: true, start: 16, end: 25 },
      ]}
    />,
  );
  expect(container.querySelector("mark")?.firstChild?.textContent).toBe("2 + 2 = 5");
  expect(screen.getByTitle("arithmetic checked: correct")).toHaveTextContent("1 + 1 = 2");
});

it("ignores spans that overlap or fall outside the text", () => {
  const { container } = render(
    <StepContent
      content="1 + 1 = 3"
      checks={[
        { ...check, correct: false, start: 0, end: 9 },
        { ...check, correct: false, start: 4, end: 9 },
        { ...check, correct: false, start: 5, end: 99 },
      ]}
    />,
  );
  expect(container.querySelectorAll("mark")).toHaveLength(1);
});
