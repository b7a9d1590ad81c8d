import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { ImportErrorTable } from "./ImportErrorTable";

it("lists line, field path and message", () => {
  render(<ImportErrorTable errors={[{ line: 4, loc: ["steps", 0, "i"], msg: "bad" }, { msg: "not JSON" }]} />);
  expect(screen.getByRole("row", { name: "4 steps › 0 › i bad" })).toBeInTheDocument();
  expect(screen.getByRole("row", { name: "– – not JSON" })).toBeInTheDocument();
});
