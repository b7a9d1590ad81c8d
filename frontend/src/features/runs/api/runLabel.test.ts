import { expect, it } from "vitest";
import { idStartsWith, runLabel, shortId } from "./runLabel";

const id = "d45608ab-1c2d-4e5f-8a9b-0123456789ab";

it("names a run by its name, else by the first 8 characters of its id", () => {
  expect(shortId(id)).toBe("d45608ab");
  expect(runLabel({ id, name: "lr 3e-4" })).toBe("lr 3e-4");
  expect(runLabel({ id, name: null })).toBe("d45608ab");
  expect(runLabel({ id, name: "  " })).toBe("d45608ab");
  expect(runLabel({ id })).toBe("d45608ab");
});

it("matches a typed prefix in any case, with or without the hyphens", () => {
  expect(idStartsWith(id, "D45608")).toBe(true);
  expect(idStartsWith(id, "d45608ab-1c2d")).toBe(true);
  expect(idStartsWith(id, "d45608ab1c2d")).toBe(true);
  expect(idStartsWith(id, "d45609")).toBe(false);
  expect(idStartsWith(id, "")).toBe(false);
});
