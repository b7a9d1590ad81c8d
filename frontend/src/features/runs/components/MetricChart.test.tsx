import { expect, it } from "vitest";
import { formatTick } from "./MetricChart";

it("formats ticks for learning rates and throughputs", () => {
  expect(formatTick(0)).toBe("0");
  expect(formatTick(0.0002)).toBe("2.0e-4");
  expect(formatTick(6.2345678)).toBe("6.235");
  expect(formatTick(12_345)).toBe("12.3k");
  expect(formatTick(2_500_000)).toBe("2.5M");
});
