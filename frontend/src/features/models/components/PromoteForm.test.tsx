import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { versionBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { PromoteForm } from "./PromoteForm";

afterEach(() => vi.unstubAllGlobals());

const RUN = "11111111-1111-4111-8111-111111111111";

it("promotes the run into a version and links to it", async () => {
  const { calls } = mockApi({ "POST /api/models/tiny-arith/versions": () => ({ status: 201, body: { ...versionBody("v1"), created: true } }) });
  renderAt(<PromoteForm runId={RUN} suggestion="tiny-llama" />);
  const name = screen.getByLabelText(/^Model name/);
  await userEvent.clear(name);
  await userEvent.type(name, "Bad Name");
  expect(screen.getByRole("button", { name: "Promote" })).toBeDisabled();
  await userEvent.clear(name);
  await userEvent.type(name, "tiny-arith");
  await userEvent.click(screen.getByRole("button", { name: "Promote" }));
  expect(await screen.findByRole("link", { name: "tiny-arith v1" })).toHaveAttribute("href", "/models/tiny-arith?version=v1");
  expect(calls[0]!.body).toEqual({ run_id: RUN, description: "" });
});

it("shows why a run cannot be promoted", async () => {
  mockApi({
    "POST /api/models/tiny-llama/versions": () => ({ status: 409, body: { title: "Conflict", status: 409, detail: "run has no model output" } }),
  });
  renderAt(<PromoteForm runId={RUN} suggestion="tiny-llama" />);
  await userEvent.click(screen.getByRole("button", { name: "Promote" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("run has no model output");
});
