import { expect, it } from "vitest";
import { artifactUrl } from "./runApi";
import { runFiltersFromSearch, runFiltersToSearch } from "./runFilters";
import { runKeys, runQueries } from "./runQueries";

it("keys every run query under ['runs']", () => {
  const keys = [
    runQueries.list({ status: "running" }).queryKey,
    runQueries.detail("r").queryKey,
    runQueries.overlay(["r"], ["loss"], 500, true).queryKey,
    runQueries.artifacts("r", false).queryKey,
  ];
  for (const key of keys) expect(key[0]).toBe("runs");
  expect(runKeys.list({ tag: " " }, undefined)).toEqual(["runs", "list", { filters: {}, cursor: null }]);
});

it("keeps filters in the URL and drops unknown statuses", () => {
  expect(runFiltersToSearch({ status: "failed", dataset: "a@v1" }, { cursor: "c" })).toBe("status=failed&dataset=a%40v1&cursor=c");
  expect(runFiltersFromSearch(new URLSearchParams("status=bogus&kind=train"))).toEqual({ kind: "train" });
});

it("encodes artifact paths per segment", () => {
  expect(artifactUrl("r1", "adapter/model weights.bin")).toBe("/api/runs/r1/artifacts/adapter/model%20weights.bin");
});
