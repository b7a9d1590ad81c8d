import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { setToken } from "../../../api/token";
import { FakeEventSource, logLine } from "../../../test/eventSource";
import { runBody } from "../../../test/fixtures";
import { mockApi, testQueryClient } from "../../../test/render";
import { runKeys } from "../api/runQueries";
import { appendLines, useRunLogs } from "./useRunLogs";

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

function wrapper() {
  const client = testQueryClient();
  return {
    client,
    wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>,
  };
}

it("streams log events, skips repeats and closes on the final status", async () => {
  mockApi({});
  const { client, wrapper: Wrapper } = wrapper();
  const { result, unmount } = renderHook(() => useRunLogs("r1"), { wrapper: Wrapper });
  const source = FakeEventSource.latest();
  expect(source.url).toBe("/api/runs/r1/logs");
  act(() => {
    source.emit("open");
    source.emit("log", logLine(1, "reading dataset"), "1");
    source.emit("log", logLine(2, "training"), "2");
    source.emit("log", logLine(2, "training"), "2");
  });
  expect(result.current.lines.map((line) => line.line)).toEqual(["reading dataset", "training"]);
  expect(result.current.state).toBe("live");
  act(() => source.emit("status", runBody({ id: "r1", status: "succeeded" })));
  expect(result.current.state).toBe("done");
  expect(source.readyState).toBe(FakeEventSource.CLOSED);
  expect(client.getQueryData(["runs", "detail", "r1"])).toMatchObject({ status: "succeeded" });
  unmount();
});

it("refetches the curves of its run on a metrics event, which stand in for polling while the stream is open", () => {
  mockApi({});
  const { client, wrapper: Wrapper } = wrapper();
  const mine = runKeys.overlay(["r3", "r4"], ["loss"], 500);
  const others = runKeys.overlay(["r4"], ["loss"], 500);
  client.setQueryData(mine, { series: [] });
  client.setQueryData(others, { series: [] });
  const { result } = renderHook(() => useRunLogs("r3"), { wrapper: Wrapper });
  const source = FakeEventSource.latest();
  expect(result.current.pushesCurves).toBe(false);
  act(() => source.emit("open"));
  expect(result.current.pushesCurves).toBe(true);
  expect(client.getQueryState(mine)?.isInvalidated).toBe(false);
  act(() => source.emit("metrics", { points: 12, step: 10 }));
  expect(client.getQueryState(mine)?.isInvalidated).toBe(true);
  expect(client.getQueryState(others)?.isInvalidated).toBe(false);
  act(() => source.emit("error"));
  expect(result.current).toMatchObject({ state: "reconnecting", pushesCurves: false });
});

it("polls JSON pages when a token is set (EventSource cannot send it)", async () => {
  setToken("tok");
  const { calls } = mockApi({
    "GET /api/runs/r2/logs": ({ url }) =>
      url.searchParams.get("after") === "0"
        ? { body: { items: [logLine(1, "a"), logLine(2, "b")], next_after: 2, status: "succeeded", done: true } }
        : undefined,
  });
  const { wrapper: Wrapper } = wrapper();
  const { result } = renderHook(() => useRunLogs("r2"), { wrapper: Wrapper });
  await waitFor(() => expect(result.current.state).toBe("done"));
  expect(result.current.lines).toHaveLength(2);
  expect(FakeEventSource.instances).toHaveLength(0);
  expect(calls[0]?.url.searchParams.get("after")).toBe("0");
});

it("keeps only the newest lines past the cap", () => {
  const [lines, dropped] = appendLines([logLine(1, "a")], [logLine(2, "b"), logLine(3, "c")], 2);
  expect(lines.map((line) => line.seq)).toEqual([2, 3]);
  expect(dropped).toBe(1);
});
