import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { statsBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { TraceFilterBar } from "./TraceFilterBar";

afterEach(() => vi.unstubAllGlobals());

it("applies text filters on submit and selects at once", async () => {
  mockApi({ "GET /api/traces/stats": () => ({ body: statsBody() }) });
  const onChange = vi.fn();
  renderAt(<TraceFilterBar filters={{ tag: "gold" }} onChange={onChange} />);
  expect(await screen.findByRole("option", { name: "arithmetic_error" })).toBeInTheDocument();
  expect(screen.getByLabelText("Tag")).toHaveValue("gold");

  await userEvent.type(screen.getByLabelText("Search"), "pens");
  await userEvent.type(screen.getByLabelText("Meta"), "category=reasoning");
  await userEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(onChange).toHaveBeenLastCalledWith({ q: "pens", source: "", tag: "gold", meta: { category: "reasoning" } });

  await userEvent.selectOptions(screen.getByLabelText("Quality"), "flagged");
  expect(onChange).toHaveBeenLastCalledWith({ tag: "gold", quality: "flagged" });
  await userEvent.selectOptions(screen.getByLabelText("Flag"), "arithmetic_error");
  expect(onChange).toHaveBeenLastCalledWith({ tag: "gold", flag: "arithmetic_error" });
  await userEvent.click(screen.getByRole("button", { name: "Clear" }));
  expect(onChange).toHaveBeenLastCalledWith({});
});
