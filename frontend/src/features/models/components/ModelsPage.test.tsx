import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { modelBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { ModelsPage } from "./ModelsPage";

afterEach(() => vi.unstubAllGlobals());

it("lists models with their latest version and aliases", async () => {
  mockApi({ "GET /api/models": () => ({ body: { items: [modelBody()], next_cursor: null } }) });
  renderAt(<ModelsPage />, { url: "/models" });
  expect(await screen.findByRole("link", { name: "tiny-arith" })).toHaveAttribute("href", "/models/tiny-arith");
  expect(screen.getByRole("link", { name: "v2" })).toHaveAttribute("href", "/models/tiny-arith?version=v2");
  expect(screen.getByText("@champion → v1")).toBeInTheDocument();
});

it("says how to register the first model", async () => {
  mockApi({ "GET /api/models": () => ({ body: { items: [], next_cursor: null } }) });
  renderAt(<ModelsPage />, { url: "/models" });
  expect(await screen.findByText(/No models yet/)).toBeInTheDocument();
});
