import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { DatasetsPage } from "./DatasetsPage";

afterEach(() => vi.unstubAllGlobals());

it("lists datasets a page at a time and diffs two", async () => {
  mockApi({
    "GET /api/datasets": ({ url }) =>
      url.searchParams.get("cursor")
        ? { body: { items: [datasetBody({ key: "old@v1" })], next_cursor: null } }
        : { body: { items: [datasetBody({ key: "demo@v2", version: 2 }), datasetBody()], next_cursor: "old@v1" } },
  });
  renderAt(<DatasetsPage />, { url: "/datasets" });
  expect(await screen.findByRole("link", { name: "demo@v2" })).toHaveAttribute("href", "/datasets/demo%40v2");
  expect(screen.getAllByText("train 58 · eval 6")).toHaveLength(2);
  await userEvent.click(screen.getByRole("checkbox", { name: "Select demo@v1 for a diff" }));
  await userEvent.click(screen.getByRole("checkbox", { name: "Select demo@v2 for a diff" }));
  await userEvent.click(screen.getByRole("button", { name: "Diff selected (2/2)" }));
  expect(screen.getByTestId("location")).toHaveTextContent("/datasets/diff?a=demo%40v1&b=demo%40v2");
});

it("pages with the cursor and says when there is nothing", async () => {
  mockApi({ "GET /api/datasets": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<DatasetsPage />, { url: "/datasets" });
  expect(await screen.findByText(/No datasets yet/)).toBeInTheDocument();
});
