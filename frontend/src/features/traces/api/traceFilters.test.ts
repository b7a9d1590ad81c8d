import { describe, expect, it } from "vitest";
import { filtersFromSearch, filtersToQuery, filtersToSearch, formatMeta, normalizeFilters, parseMeta } from "./traceFilters";

describe("trace filters", () => {
  it("normalise away empty members", () => {
    expect(normalizeFilters({ q: "  ", source: " s ", meta: { a: "", " k ": " v " } })).toEqual({ source: "s", meta: { k: "v" } });
  });

  it("become API query members with meta.KEY pairs", () => {
    expect(filtersToQuery({ tag: "gold", quality: "flagged", meta: { category: "reasoning" } })).toEqual({
      source: undefined,
      tag: "gold",
      q: undefined,
      quality: "flagged",
      flag: undefined,
      "meta.category": "reasoning",
    });
  });

  it("round-trip through the URL", () => {
    const filters = { q: "pens", flag: "arithmetic_error", quality: "ok" as const, meta: { difficulty: "easy" } };
    const search = filtersToSearch(filters, { cursor: "abc" });
    expect(search).toBe("q=pens&quality=ok&flag=arithmetic_error&meta.difficulty=easy&cursor=abc");
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams("quality=bogus"))).toEqual({});
  });

  it("parse and format the meta text field", () => {
    expect(parseMeta("category=reasoning, difficulty = easy, junk, =x")).toEqual({ category: "reasoning", difficulty: "easy" });
    expect(formatMeta({ a: "1", b: "2" })).toBe("a=1, b=2");
    expect(formatMeta(undefined)).toBe("");
  });
});
