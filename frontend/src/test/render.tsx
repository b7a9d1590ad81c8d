// Rendering helpers for component tests: a fresh QueryClient (the app's, with its error handling,
// minus retries) and a memory router at a given URL, plus a fetch stub that answers like the API.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { vi } from "vitest";
import { createQueryClient } from "../app/queryClient";

export function testQueryClient(): QueryClient {
  const client = createQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false, staleTime: Infinity, refetchInterval: false },
    mutations: { retry: false },
  });
  return client;
}

/** Shows the current location so tests can assert navigation. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

export function renderAt(ui: ReactElement, { url = "/", path = "*" }: { url?: string; path?: string } = {}) {
  const queryClient = testQueryClient();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={null} />
        </Routes>
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export interface Call {
  method: string;
  url: URL;
  body: unknown;
}

/** An answer: `body` sent as JSON, or `text` sent as is with its `type` (JSON Lines downloads). */
type Handler = (call: Call) => { status?: number; body?: unknown; problem?: boolean; text?: string; type?: string } | undefined;

/** Stubs fetch: each request goes to the first handler keyed "METHOD /path" that answers. */
export function mockApi(handlers: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const raw = init?.body;
    const body = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    const call = { method, url, body };
    calls.push(call);
    const handler = handlers[`${method} ${url.pathname}`];
    const answer = handler?.(call) ?? { status: 404, body: { title: "Not found", status: 404, detail: url.pathname }, problem: true };
    const status = answer.status ?? 200;
    if (status === 204) return new Response(null, { status });
    if (answer.text !== undefined) return new Response(answer.text, { status, headers: { "content-type": answer.type ?? "text/plain" } });
    const type = answer.problem || status >= 400 ? "application/problem+json" : "application/json";
    return new Response(JSON.stringify(answer.body ?? null), { status, headers: { "content-type": type } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}
