import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { mockApi, renderAt } from "../../../test/render";
import { SynthForm } from "./SynthForm";

afterEach(() => vi.unstubAllGlobals());

it("sends kind, count, seed and tags and links to the new traces", async () => {
  const { calls } = mockApi({
    "POST /api/traces/synth": () => ({ body: { created: 5, duplicates: 2, invalid: 0, items: [], errors: [] } }),
  });
  renderAt(<SynthForm />);
  await userEvent.selectOptions(screen.getByLabelText("Kind"), "word_problem");
  await userEvent.clear(screen.getByLabelText("Count"));
  await userEvent.type(screen.getByLabelText("Count"), "7");
  await userEvent.clear(screen.getByLabelText("Seed"));
  await userEvent.type(screen.getByLabelText("Seed"), "3");
  await userEvent.type(screen.getByLabelText(/Tags/), "a, b ,");
  await userEvent.click(screen.getByRole("button", { name: "Generate" }));
  expect(await screen.findByRole("status")).toHaveTextContent("5 created, 2 already stored.");
  expect(calls[0]?.body).toEqual({ kind: "word_problem", count: 7, seed: 3, tags: ["a", "b"] });
  expect(screen.getByRole("link", { name: "See them" })).toHaveAttribute("href", "/traces?tag=a");
});

it("sends column arithmetic options only for that kind", async () => {
  const { calls } = mockApi({
    "POST /api/traces/synth": () => ({ body: { created: 4, duplicates: 0, invalid: 0, items: [], errors: [] } }),
  });
  renderAt(<SynthForm />);
  expect(screen.queryByLabelText("Fewest digits")).not.toBeInTheDocument();
  await userEvent.selectOptions(screen.getByLabelText("Kind"), "column_arithmetic");
  await userEvent.clear(screen.getByLabelText("Fewest digits"));
  await userEvent.type(screen.getByLabelText("Fewest digits"), "3");
  await userEvent.click(screen.getByLabelText("subtraction"));
  await userEvent.click(screen.getByRole("button", { name: "Generate" }));
  expect(await screen.findByRole("status")).toHaveTextContent("4 created");
  expect(calls[0]?.body).toEqual({
    kind: "column_arithmetic",
    count: 20,
    seed: 0,
    tags: [],
    column_arithmetic: { min_digits: 3, max_digits: 3, operations: ["addition"] },
  });
  await userEvent.click(screen.getByLabelText("addition"));
  expect(screen.getByRole("button", { name: "Generate" })).toBeDisabled();
});
