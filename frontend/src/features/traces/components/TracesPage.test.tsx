import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { statsBody, summaryBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { TracesPage } from "./TracesPage";

afterEach(() => vi.unstubAllGlobals());

function api() {
  return mockApi({
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "GET /api/traces": ({ url }) =>
      url.searchParams.get("cursor")
        ? { body: { items: [summaryBody(3)], next_cursor: null } }
        : { body: { items: [summaryBody(1), summaryBody(2)], next_cursor: "page-2" } },
  });
}

it("lists traces with the URL's filters and pages with the cursor", async () => {
  const { calls } = api();
  renderAt(<TracesPage />, { url: "/traces?quality=flagged&meta.category=reasoning" });
  expect(await screen.findByRole("link", { name: "Prompt number 1" })).toBeInTheDocument();
  const first = calls.find((call) => call.url.pathname === "/api/traces")!;
  expect(first.url.searchParams.get("quality")).toBe("flagged");
  expect(first.url.searchParams.get("meta.category")).toBe("reasoning");
  expect(first.url.searchParams.get("limit")).toBe("50");

  await userEvent.click(screen.getByRole("button", { name: "Next page →" }));
  expect(await screen.findByRole("link", { name: "Prompt number 3" })).toBeInTheDocument();
  expect(screen.getByTestId("location")).toHaveTextContent("/traces?quality=flagged&meta.category=reasoning&cursor=page-2");
  expect(screen.queryByRole("button", { name: "Next page →" })).not.toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "← First page" }));
  expect(await screen.findByRole("link", { name: "Prompt number 1" })).toBeInTheDocument();
});

it("compares the two selected traces", async () => {
  api();
  renderAt(<TracesPage />, { url: "/traces" });
  await screen.findByRole("link", { name: "Prompt number 1" });
  const compare = screen.getByRole("button", { name: "Compare selected (0/2)" });
  expect(compare).toBeDisabled();
  const boxes = screen.getAllByRole("checkbox");
  await userEvent.click(boxes[0]!);
  await userEvent.click(boxes[1]!);
  await userEvent.click(screen.getByRole("button", { name: "Compare selected (2/2)" }));
  expect(screen.getByTestId("location")).toHaveTextContent(
    `/traces/compare?a=${summaryBody(1).id}&b=${summaryBody(2).id}`,
  );
});

it("says so when nothing matches", async () => {
  mockApi({
    "GET /api/traces/stats": () => ({ body: statsBody() }),
    "GET /api/traces": () => ({ body: { items: [], next_cursor: null } }),
  });
  renderAt(<TracesPage />, { url: "/traces?q=nothing" });
  expect(await screen.findByText("No traces match these filters.")).toBeInTheDocument();
});
