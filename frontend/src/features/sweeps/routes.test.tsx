import { screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { AppRoutes } from "../../app/AppRoutes";
import { mockApi, renderAt } from "../../test/render";

afterEach(() => vi.unstubAllGlobals());

it("routes /sweeps/new to the new-sweep page, its own lazy chunk, under the Sweeps nav entry", async () => {
  mockApi({});
  renderAt(<AppRoutes />, { url: "/sweeps/new" });
  expect(screen.getByRole("status")).toHaveTextContent("Loading page…");
  expect(await screen.findByRole("heading", { name: "New sweep" })).toBeInTheDocument();
  const nav = screen.getByRole("navigation", { name: "Main" });
  expect(nav).toContainElement(screen.getByRole("link", { name: "Sweeps" }));
  expect(screen.getByRole("link", { name: "Sweeps" })).toHaveAttribute("href", "/sweeps");
  expect(screen.getByRole("link", { name: "Sweeps" })).toHaveClass("active");
});
