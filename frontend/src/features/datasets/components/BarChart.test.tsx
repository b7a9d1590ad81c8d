import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { BarChart } from "./BarChart";

it("draws a labelled bar per entry, sorted and summarised past the maximum", () => {
  render(<BarChart title="categories" data={{ a: 1, b: 5, c: 3, d: 2 }} sortByCount max={3} />);
  const rows = screen.getAllByRole("row");
  expect(rows.map((row) => row.textContent)).toEqual(["b5", "c3", "2 more3"]);
});

it("says none for an empty histogram", () => {
  render(<BarChart title="empty" data={{}} />);
  expect(screen.getByText("none")).toBeInTheDocument();
});
