import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { DatasetDetailPage } from "./DatasetDetailPage";

afterEach(() => vi.unstubAllGlobals());

it("shows the manifest, stats per split and an export link per format, split and output", async () => {
  mockApi({ "GET /api/datasets/demo%40v1": () => ({ body: datasetBody() }) });
  renderAt(<DatasetDetailPage />, { url: "/datasets/demo@v1", path: "/datasets/:datasetKey" });
  expect(await screen.findByRole("heading", { name: "Dataset demo@v1" })).toBeInTheDocument();
  expect(screen.getByTestId("item-count")).toHaveTextContent("64");
  expect(screen.getByRole("table", { name: "train: prompt tokens" })).toHaveTextContent("0-1537");
  expect(screen.getByRole("table", { name: "train: categories" })).toHaveTextContent("average4");
  expect(screen.getAllByRole("link", { name: /^Download / })).toHaveLength(30);
  expect(screen.getByRole("link", { name: "Download tunix_sft eval as Parquet" })).toHaveAttribute(
    "href",
    "/api/datasets/demo%40v1/export?format=tunix_sft&split=eval&output=parquet",
  );
  expect(screen.getByRole("link", { name: "Train on it" })).toHaveAttribute("href", "/runs/new?dataset=demo%40v1");
});

it("shows the API's problem for an unknown dataset", async () => {
  mockApi({});
  renderAt(<DatasetDetailPage />, { url: "/datasets/nope@v1", path: "/datasets/:datasetKey" });
  expect(await screen.findByText("/api/datasets/nope%40v1")).toBeInTheDocument();
  expect(screen.getByText("Not found")).toBeInTheDocument();
});
