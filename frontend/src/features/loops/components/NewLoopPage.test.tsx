import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { LOOP_ID, loopBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { NewLoopPage } from "./NewLoopPage";

afterEach(() => vi.unstubAllGlobals());

const START = "22222222-2222-4222-8222-222222222222";

it("starts from the run it was opened from, submits the loop and opens it", async () => {
  const { calls } = mockApi({ "POST /api/loops": () => ({ status: 202, body: loopBody() }) });
  renderAt(<NewLoopPage />, { url: `/loops/new?start=${START}` });
  expect(document.title).toBe("New loop · tunix-rt");
  await userEvent.type(screen.getByLabelText(/^Tags/), "star");
  await userEvent.click(screen.getByRole("button", { name: "Start loop" }));
  // the location is on the page from the start: wait for it to change, not to appear
  await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/loops/${LOOP_ID}`));
  expect(calls[0]!.body).toEqual({
    config: {
      start: START,
      dataset: "arith@v1",
      evalset: "arith-eval@v1",
      rounds: 2,
      mix_previous: true,
      sampling: { k: 4, temperature: 0.8, max_tokens: 96 },
      training: { steps: 100 },
      evaluation: { max_new_tokens: 96 },
    },
    tags: ["star"],
  });
});

it("shows the server's 422 on the line of the field it names", async () => {
  mockApi({
    "POST /api/loops": () => ({
      status: 422,
      body: {
        title: "Invalid",
        status: 422,
        detail: "1 problem(s) in the loop config, first at body.config.start",
        errors: [{ loc: ["body", "config", "start"], msg: "Input should be a valid UUID", type: "uuid_parsing" }],
      },
    }),
  });
  renderAt(<NewLoopPage />, { url: "/loops/new" });
  await userEvent.click(screen.getByRole("button", { name: "Start loop" }));
  const list = await screen.findByRole("list", { name: "Config problems" });
  expect(list).toHaveTextContent("line 3 start Input should be a valid UUID");
  expect(screen.getByLabelText("Loop config (YAML)")).toHaveAttribute("aria-invalid", "true");
});
