import { expect, it } from "vitest";
import { evaluationKeys, evaluationQueries, regressionKeys } from "./evaluationQueries";
import { leaderboardFiltersFromSearch, leaderboardFiltersToSearch, toApiFilters } from "./leaderboardFilters";
import { modelLabel, pct, pValue } from "./scorecard";

it("keys evaluations under ['evaluations'] and baselines under ['regression']", () => {
  for (const options of [evaluationQueries.leaderboard({}), evaluationQueries.detail("e"), evaluationQueries.items("e"), evaluationQueries.compare("a", "b")]) {
    expect(options.queryKey[0]).toBe("evaluations");
  }
  expect(evaluationQueries.baselines().queryKey).toEqual(regressionKeys.baselines());
  expect(evaluationKeys.leaderboard({ model: " " }, undefined)).toEqual(["evaluations", "leaderboard", { filters: {}, cursor: null, force: false }]);
  // A forced ranking is another answer: it must not be served from the refused one's cache.
  expect(evaluationKeys.leaderboard({}, undefined, true)).not.toEqual(evaluationKeys.leaderboard({}, undefined));
});

it("keeps leaderboard filters in the URL and sends the date as an aware timestamp", () => {
  const filters = leaderboardFiltersFromSearch(new URLSearchParams("evalset=e@v1&since=2026-01-02&model=&bogus=1"));
  expect(filters).toEqual({ evalset: "e@v1", since: "2026-01-02" });
  expect(toApiFilters(filters)).toEqual({ evalset: "e@v1", since: "2026-01-02T00:00:00Z" });
  expect(leaderboardFiltersFromSearch(new URLSearchParams("since=yesterday"))).toEqual({});
  expect(leaderboardFiltersToSearch({ dataset: "d@v1" }, { cursor: "c" })).toBe("dataset=d%40v1&cursor=c");
});

it("formats scores, p-values and model references", () => {
  expect(pct(0.5)).toBe("50.0%");
  expect(pct(undefined)).toBe("–");
  expect(pValue(0.0001)).toBe("< 0.001");
  expect(pValue(0.04321)).toBe("0.043");
  expect(modelLabel("run:11111111-1111-4111-8111-111111111111")).toBe("run 11111111");
  expect(modelLabel("tiny-llama")).toBe("tiny-llama");
});
