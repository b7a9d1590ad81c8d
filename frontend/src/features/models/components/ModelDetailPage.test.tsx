import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { modelBody, versionBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { ModelDetailPage } from "./ModelDetailPage";

afterEach(() => vi.unstubAllGlobals());

it("shows versions with metrics, provenance and downloads, and sets an alias", async () => {
  const { calls } = mockApi({
    "GET /api/models/tiny-arith": () => ({ body: modelBody() }),
    "GET /api/models/tiny-arith/versions": () => ({ body: { items: [versionBody("v2"), versionBody("v1")] } }),
    "GET /api/models/tiny-arith/versions/v2": () => ({ body: versionBody("v2") }),
    "GET /api/models/tiny-arith/versions/v1": () => ({ body: versionBody("v1", { metrics: {} }) }),
    "PUT /api/models/tiny-arith/aliases/staging": () => ({ body: { name: "staging", version: "v1", previous: null, updated_at: "2026-01-02T03:04:05Z" } }),
  });
  renderAt(<ModelDetailPage />, { url: "/models/tiny-arith", path: "/models/:name" });
  const versions = await screen.findByRole("table", { name: "Versions" });
  expect(within(versions).getByRole("link", { name: "Download tiny-arith v1 as a tar" })).toHaveAttribute("href", "/api/models/tiny-arith/versions/v1/archive");
  expect(within(versions).getAllByText("strict_accuracy 0.5")).toHaveLength(2);
  expect(await screen.findByRole("heading", { name: /Version v2/ })).toBeInTheDocument();
  expect(within(screen.getByLabelText("Metrics")).getByText("0.5")).toBeInTheDocument();
  expect(screen.getByText(/base_model: tiny-llama/)).toBeInTheDocument();
  expect(screen.getByRole("table", { name: "Files of v2" })).toHaveTextContent("model.safetensors");

  await userEvent.click(within(versions).getByRole("button", { name: "v1" }));
  expect(screen.getByTestId("location")).toHaveTextContent("/models/tiny-arith?version=v1");
  expect(await screen.findByText(/none recorded at promotion/)).toBeInTheDocument();

  await userEvent.type(screen.getByLabelText("Alias"), "staging");
  await userEvent.selectOptions(screen.getByLabelText("Points at"), "v1");
  await userEvent.click(screen.getByRole("button", { name: "Set alias" }));
  await vi.waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
  expect(calls.find((c) => c.method === "PUT")!.body).toEqual({ version: "v1" });
});

it("shows the API's problem for an unknown model", async () => {
  mockApi({ "GET /api/models/nope": () => ({ status: 404, body: { title: "Not found", status: 404, detail: "no model named 'nope'" } }) });
  renderAt(<ModelDetailPage />, { url: "/models/nope", path: "/models/:name" });
  expect(await screen.findByText("no model named 'nope'")).toBeInTheDocument();
});
