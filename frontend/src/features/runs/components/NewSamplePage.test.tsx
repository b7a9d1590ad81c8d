import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { runBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { NewSamplePage } from "./NewSamplePage";

afterEach(() => vi.unstubAllGlobals());

const RUN = "33333333-3333-4333-8333-333333333333";

it("queues a run of kind sample from the YAML and opens it", async () => {
  const { calls } = mockApi({ "POST /api/runs": () => ({ status: 202, body: runBody({ id: RUN, kind: "sample" }) }) });
  renderAt(<NewSamplePage />, { url: "/runs/new/sample" });
  expect(document.title).toBe("New sample run · tunix-rt");
  const editor = screen.getByLabelText("Sample config (YAML)");
  fireEvent.change(editor, {
    target: { value: "source: {dataset: arith@v1, split: train, limit: 50}\nmodel: {local: tiny-llama}\nk: 2\npolicy: best_of_k\n" },
  });
  await userEvent.click(screen.getByRole("button", { name: "Start sampling" }));
  // the location is on the page from the start: wait for it to change, not to appear
  await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(`/runs/${RUN}`));
  expect(calls[0]!.body).toEqual({
    kind: "sample",
    config: { source: { dataset: "arith@v1", split: "train", limit: 50 }, model: { local: "tiny-llama" }, k: 2, policy: "best_of_k" },
    tags: [],
  });
});

it("prefills an endpoint example that names its key rather than holding it", () => {
  mockApi({});
  renderAt(<NewSamplePage />, { url: "/runs/new/sample" });
  const text = (screen.getByLabelText("Sample config (YAML)") as HTMLTextAreaElement).value;
  expect(text).toContain("base_url: http://127.0.0.1:8001/v1");
  expect(text).toContain("api_key_env");
});
