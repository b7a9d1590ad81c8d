import { expect, it } from "vitest";
import { traceKeys, traceQueries } from "./traceQueries";

it("keys every trace query under ['traces'] so one invalidation covers the resource", () => {
  const keys = [
    traceQueries.list({ tag: "x" }).queryKey,
    traceQueries.detail("id").queryKey,
    traceQueries.stats({}).queryKey,
    traceQueries.compare("a", "b").queryKey,
  ];
  for (const key of keys) expect(key[0]).toBe("traces");
  expect(traceKeys.list({ tag: " x ", q: "" }, undefined)).toEqual(["traces", "list", { filters: { tag: "x" }, cursor: null }]);
  expect(traceKeys.list({}, "c2")).toEqual(["traces", "list", { filters: {}, cursor: "c2" }]);
});
