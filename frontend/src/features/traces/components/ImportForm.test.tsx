import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { mockApi, renderAt } from "../../../test/render";
import { ImportForm } from "./ImportForm";

afterEach(() => vi.unstubAllGlobals());

const file = () => new File(['{"prompt": "x"}\n'], "t.jsonl", { type: "application/x-ndjson" });
const lineError = { line: 2, loc: ["steps"], msg: "Field required", type: "missing" };

it("uploads the file as multipart with the mode and shows the per-line report", async () => {
  const { calls } = mockApi({
    "POST /api/traces/import": () => ({
      body: { lines: 2, created: 1, duplicates: 0, invalid: 1, committed: true, errors: [lineError] },
    }),
  });
  renderAt(<ImportForm />);
  const upload = screen.getByRole("button", { name: "Upload" });
  expect(upload).toBeDisabled();
  await userEvent.upload(screen.getByLabelText("File (one trace per line)"), file());
  await userEvent.click(screen.getByLabelText(/store the valid lines/));
  await userEvent.type(screen.getByLabelText(/Source/), "lab");
  await userEvent.click(upload);
  expect(await screen.findByRole("status")).toHaveTextContent("2 lines: 1 created, 0 duplicates, 1 invalid.");
  expect(screen.getByRole("row", { name: /^2 steps Field required$/ })).toBeInTheDocument();
  expect(calls[0]?.url.search).toBe("?mode=partial&source=lab");
  expect(calls[0]?.body).toBeInstanceOf(FormData);
  expect((calls[0]?.body as FormData).get("file")).toBeInstanceOf(File);
});

it("shows an all-or-nothing refusal (422 problem) with its line errors, in place", async () => {
  mockApi({
    "POST /api/traces/import": () => ({
      status: 422,
      body: { title: "Invalid input", status: 422, detail: "1 invalid line; nothing was stored", invalid: 1, errors: [lineError] },
    }),
  });
  renderAt(<ImportForm />);
  await userEvent.upload(screen.getByLabelText("File (one trace per line)"), file());
  await userEvent.click(screen.getByRole("button", { name: "Upload" }));
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("Invalid input (422)");
  expect(alert).toHaveTextContent("1 invalid line; nothing was stored");
  expect(screen.getByRole("row", { name: /^2 steps Field required$/ })).toBeInTheDocument();
  // Shown once, here: the line errors are not repeated as a list inside the problem.
  expect(screen.getAllByText("Field required")).toHaveLength(1);
});
