import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { traceBody } from "../../../test/fixtures";
import { QualityReportPanel } from "./QualityReportPanel";

it("lists flags, sizes and each computation with its verdict", () => {
  render(<QualityReportPanel report={traceBody().quality} steps={traceBody().steps} />);
  expect(screen.getByText("arithmetic error")).toHaveClass("badge", "bad");
  expect(screen.getByText("1 wrong")).toHaveClass("bad");
  const row = screen.getByRole("row", { name: /27 × 19/ });
  expect(row).toHaveClass("wrong");
  expect(row).toHaveTextContent("523");
  expect(row).toHaveTextContent("513 ✗");
  expect(screen.getByRole("link", { name: "2" })).toHaveAttribute("href", "#step-1");
});

it("says ok for a clean report", () => {
  const quality = { ...traceBody().quality, ok: true, flags: [], arithmetic: [] };
  render(<QualityReportPanel report={quality} steps={[]} />);
  expect(screen.getByText("ok")).toHaveClass("ok");
  expect(screen.queryByRole("table")).not.toBeInTheDocument();
});
