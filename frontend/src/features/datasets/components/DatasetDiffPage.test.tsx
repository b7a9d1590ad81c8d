import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { mockApi, renderAt } from "../../../test/render";
import { DatasetDiffPage } from "./DatasetDiffPage";

afterEach(() => vi.unstubAllGlobals());

const id = "00000000-0000-0000-0000-000000000001";

it("shows counts and sample ids of a diff from the URL", async () => {
  const { calls } = mockApi({
    "GET /api/datasets": () => ({ body: { items: [], next_cursor: null } }),
    "GET /api/datasets/diff": () => ({
      body: { a: "d@v1", b: "d@v2", added: 3, removed: 1, moved: 1, unchanged: 60, added_ids: [id], removed_ids: [], moved_items: [{ id, from_split: "train", to_split: "eval" }] },
    }),
  });
  renderAt(<DatasetDiffPage />, { url: "/datasets/diff?a=d@v1&b=d@v2" });
  expect(await screen.findByTestId("diff-added")).toHaveTextContent("3");
  expect(screen.getByTestId("diff-unchanged")).toHaveTextContent("60");
  expect(screen.getByRole("table", { name: "Moved traces" })).toHaveTextContent("traineval");
  expect(screen.getAllByRole("link", { name: id })[0]).toHaveAttribute("href", `/traces/${id}`);
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
