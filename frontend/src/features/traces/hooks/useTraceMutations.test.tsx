import { act, renderHook, waitFor } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { afterEach, expect, it, vi } from "vitest";
import { mockApi, testQueryClient } from "../../../test/render";
import { useSynthesizeTraces } from "./useTraceMutations";

afterEach(() => vi.unstubAllGlobals());

it("a trace mutation invalidates the traces resource and nothing else", async () => {
  mockApi({ "POST /api/traces/synth": () => ({ body: { created: 3, duplicates: 0, invalid: 0, items: [], errors: [] } }) });
  const client = testQueryClient();
  client.setQueryData(["traces", "list", { filters: {}, cursor: null }], { items: [], next_cursor: null });
  client.setQueryData(["traces", "stats", {}], { total: 0 });
  client.setQueryData(["health"], { status: "ok" });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useSynthesizeTraces(), { wrapper });
  await act(() => result.current.mutateAsync({ kind: "mixed", count: 3, seed: 0, tags: [] }));
  await waitFor(() => expect(result.current.isSuccess).toBe(true));
  const state = (key: unknown[]) => client.getQueryState(key)?.isInvalidated;
  expect(state(["traces", "list", { filters: {}, cursor: null }])).toBe(true);
  expect(state(["traces", "stats", {}])).toBe(true);
  expect(state(["health"])).toBe(false);
});
