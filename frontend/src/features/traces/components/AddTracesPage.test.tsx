import { screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { renderAt } from "../../../test/render";
import { AddTracesPage } from "./AddTracesPage";

it("offers upload and generation", () => {
  renderAt(<AddTracesPage />);
  expect(screen.getByRole("heading", { name: "Upload JSONL" })).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "Generate synthetic traces" })).toBeInTheDocument();
});
