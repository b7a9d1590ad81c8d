import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, it, vi } from "vitest";
import { datasetBody } from "../../../test/fixtures";
import { mockApi, testQueryClient } from "../../../test/render";
import { useBuildDataset, useDeleteDataset } from "./useDatasetMutations";

afterEach(() => vi.unstubAllGlobals());

function setup() {
  const client = testQueryClient();
  client.setQueryData(["datasets", "list", { cursor: null }], { items: [], next_cursor: null });
  client.setQueryData(["traces", "stats", {}], { total: 0 });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, wrapper };
}

it("a build caches the new dataset and invalidates dataset lists only", async () => {
  mockApi({ "POST /api/datasets": () => ({ status: 201, body: datasetBody() }) });
  const { client, wrapper } = setup();
  const { result } = renderHook(() => useBuildDataset(), { wrapper });
  await act(() => result.current.mutateAsync({ name: "demo", description: "" }));
  await waitFor(() => expect(result.current.isSuccess).toBe(true));
  expect(client.getQueryData(["datasets", "detail", "demo@v1"])).toMatchObject({ key: "demo@v1" });
  expect(client.getQueryState(["datasets", "list", { cursor: null }])?.isInvalidated).toBe(true);
  expect(client.getQueryState(["traces", "stats", {}])?.isInvalidated).toBe(false);
});

it("a delete forgets the dataset", async () => {
  mockApi({ "DELETE /api/datasets/demo%40v1": () => ({ status: 204 }) });
  const { client, wrapper } = setup();
  client.setQueryData(["datasets", "detail", "demo@v1"], datasetBody());
  const { result } = renderHook(() => useDeleteDataset(), { wrapper });
  await act(() => result.current.mutateAsync("demo@v1"));
  expect(client.getQueryData(["datasets", "detail", "demo@v1"])).toBeUndefined();
  expect(client.getQueryState(["traces", "stats", {}])?.isInvalidated).toBe(false);
});
