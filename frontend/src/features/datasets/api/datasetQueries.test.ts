import { expect, it } from "vitest";
import { exportUrl } from "./datasetApi";
import { datasetKeys, datasetQueries } from "./datasetQueries";

it("keys every dataset query under ['datasets'] so one invalidation covers the resource", () => {
  const keys = [
    datasetQueries.list().queryKey,
    datasetQueries.detail("a@v1").queryKey,
    datasetQueries.diff("a@v1", "a@v2").queryKey,
    datasetQueries.count({ tag: "x" }).queryKey,
  ];
  for (const key of keys) expect(key[0]).toBe("datasets");
  expect(datasetKeys.list(undefined)).toEqual(["datasets", "list", { cursor: null }]);
  expect(datasetKeys.detail("a@v1")).toEqual(["datasets", "detail", "a@v1"]);
});

it("builds export URLs with format, split and output", () => {
  expect(exportUrl("gsm@v2", "messages", "train", "parquet")).toBe(
    "/api/datasets/gsm%40v2/export?format=messages&split=train&output=parquet",
  );
});
