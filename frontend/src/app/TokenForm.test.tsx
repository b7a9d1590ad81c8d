import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, it } from "vitest";
import { getToken } from "../api/token";
import { renderAt } from "../test/render";
import { TokenForm } from "./TokenForm";

it("stores and forgets the API token", async () => {
  renderAt(<TokenForm />);
  await userEvent.type(screen.getByLabelText(/API token/), "  tok-1 ");
  await userEvent.click(screen.getByRole("button", { name: "Use token" }));
  expect(getToken()).toBe("tok-1");
  expect(screen.getByText("API token set.")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Forget" }));
  expect(getToken()).toBeNull();
  expect(screen.getByLabelText(/API token/)).toBeInTheDocument();
});
