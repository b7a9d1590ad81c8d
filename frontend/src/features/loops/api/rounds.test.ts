import { expect, it } from "vitest";
import { roundBody } from "../../../test/fixtures";
import { formatP, formatRate, roundSeries } from "./rounds";

it("charts a round without a number as a gap, not a zero", () => {
  const rounds = [
    roundBody(0, { strict: 0.1, traces_kept: null, pass_at_k: null }),
    roundBody(1, { strict: 0.3, traces_kept: 120, pass_at_k: 0.4 }),
    roundBody(2, { strict: null, traces_kept: 200, pass_at_k: 0.6, status: "running" }),
  ];
  expect(roundSeries(rounds)).toEqual([[0, 1, 2], [0.1, 0.3, null], [null, 0.4, 0.6], [null, 120, 200]]);
});

it("writes rates to three places and tiny p-values in exponent form", () => {
  expect([formatRate(0.12345), formatRate(null), formatP(0.0312), formatP(4.2e-6), formatP(null)]).toEqual(["0.123", "–", "0.031", "4.2e-6", "–"]);
});
