import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { mockApi, renderAt } from "../../../test/render";
import { DatasetDiffPage } from "./DatasetDiffPage";

afterEach(() => vi.unstubAllGlobals());

const id = "00000000-0000-0000-0000-000000000001";

const removedId = "00000000-0000-0000-0000-000000000002";

it("shows counts and the sample traces of a diff from the URL by their prompts", async () => {
  const { calls } = mockApi({
    "GET /api/datasets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/datasets/diff": () => ({
      body: {
        a: "d@v1",
        b: "d@v2",
        added: 3,
        removed: 1,
        moved: 1,
        unchanged: 60,
        added_ids: [id],
        removed_ids: [removedId],
        moved_items: [{ id, from_split: "train", to_split: "eval" }],
        prompts: { [id]: "What is 2 + 2?" },
      },
    }),
  });
  renderAt(<DatasetDiffPage />, { url: "/datasets/diff?a=d@v1&b=d@v2" });
  expect(await screen.findByTestId("diff-added")).toHaveTextContent("3");
  expect(screen.getByTestId("diff-unchanged")).toHaveTextContent("60");
  expect(screen.getByRole("table", { name: "Moved traces" })).toHaveTextContent("What is 2 + 2?traineval");
  const added = screen.getAllByRole("link", { name: "What is 2 + 2?" });
  expect(added).toHaveLength(2); // the added list and the moved table
  expect(added[0]).toHaveAttribute("href", `/traces/${id}`);
  expect(added[0]).toHaveAttribute("title", `What is 2 + 2?\n${id}`);
  expect(added[0]).toHaveClass("clip");
  // a trace whose prompt the answer lacks still shows (its id)
  expect(screen.getByRole("link", { name: removedId })).toHaveAttribute("href", `/traces/${removedId}`);
  expect(calls.find((call) => call.url.pathname === "/api/datasets/diff")?.url.search).toBe("?a=d%40v1&b=d%40v2");
});

it("shows the API's problem when a key does not exist", async () => {
  mockApi({
    "GET /api/datasets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/datasets/diff": () => ({ status: 404, body: { title: "Not found", status: 404, detail: "dataset d@v9 does not exist" } }),
  });
  renderAt(<DatasetDiffPage />, { url: "/datasets/diff?a=d@v1&b=d@v9" });
  expect(await screen.findByText("dataset d@v9 does not exist")).toBeInTheDocument();
});
