import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { QualityBadges } from "./QualityBadges";

it("shows ok or one badge per flag", () => {
  const { rerender } = render(<QualityBadges ok flags={[]} />);
  expect(screen.getByText("ok")).toHaveClass("ok");
  rerender(<QualityBadges ok={false} flags={["steps_gap", "empty_step"]} />);
  expect(screen.getByText("steps gap")).toHaveClass("bad");
  expect(screen.getByText("empty step")).toHaveClass("bad");
});
