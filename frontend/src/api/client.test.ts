import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi } from "../test/render";
import { buildUrl, request } from "./client";
import { ProblemError, formatLoc, toProblem } from "./problem";
import { setToken } from "./token";

afterEach(() => vi.unstubAllGlobals());

describe("buildUrl", () => {
  it("drops empty members and encodes the rest", () => {
    expect(buildUrl("/api/traces", { q: "a b", tag: "", source: undefined, limit: 50, "meta.k": "v" })).toBe(
      "/api/traces?q=a+b&limit=50&meta.k=v",
    );
    expect(buildUrl("/api/traces", {})).toBe("/api/traces");
  });
});

describe("request", () => {
  it("sends JSON and the stored token, and returns the body", async () => {
    setToken("secret");
    const { calls, fetchMock } = mockApi({ "POST /api/things": () => ({ body: { ok: 1 } }) });
    await expect(request("POST", "/api/things", { json: { a: 1 } })).resolves.toEqual({ ok: 1 });
    expect(calls[0]?.body).toEqual({ a: 1 });
    const headers = fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers.Authorization).toBe("Bearer secret");
    expect(headers["Content-Type"]).toBe("application/json");
  });

  it("hands JSON Lines back as text, one line or many", async () => {
    mockApi({
      "GET /api/one": () => ({ text: '{"id":"a"}\n', type: "application/x-ndjson" }),
      "GET /api/two": () => ({ text: '{"id":"a"}\n{"id":"b"}\n', type: "application/x-ndjson" }),
    });
    await expect(request("GET", "/api/one")).resolves.toBe('{"id":"a"}\n');
    await expect(request("GET", "/api/two")).resolves.toBe('{"id":"a"}\n{"id":"b"}\n');
  });

  it("turns a problem document into a ProblemError", async () => {
    mockApi({
      "GET /api/x": () => ({
        status: 422,
        body: { title: "Invalid input", status: 422, detail: "1 problem", errors: [{ loc: ["query", "limit"], msg: "too big" }] },
      }),
    });
    const error = await request("GET", "/api/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(422);
    expect((error as ProblemError).problem.errors?.[0]?.msg).toBe("too big");
    expect((error as ProblemError).message).toBe("Invalid input: 1 problem");
  });

  it("summarises a non-problem error body", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" })));
    const error = (await request("GET", "/api/x").catch((e: unknown) => e)) as ProblemError;
    expect(error.problem).toEqual({ title: "Bad Gateway", status: 502, detail: "<html>bad gateway</html>" });
  });

  it("reports an unreachable server", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error = (await request("GET", "/api/x").catch((e: unknown) => e)) as ProblemError;
    expect(error.problem.title).toBe("Server unreachable");
  });

  it("accepts listed statuses as data and 204 as nothing", async () => {
    mockApi({ "GET /api/health": () => ({ status: 503, body: { status: "degraded" } }), "DELETE /api/x": () => ({ status: 204 }) });
    await expect(request("GET", "/api/health", { acceptStatus: [503] })).resolves.toEqual({ status: "degraded" });
    await expect(request("DELETE", "/api/x")).resolves.toBeUndefined();
  });
});

describe("problems", () => {
  it("formats paths and wraps any error", () => {
    expect(formatLoc(["body", "steps", 0, "content"])).toBe("body › steps › 0 › content");
    expect(formatLoc(undefined)).toBe("");
    expect(toProblem(new Error("boom"))).toEqual({ title: "Request failed", status: 0, detail: "boom" });
    expect(toProblem("odd")).toEqual({ title: "Request failed", status: 0, detail: "odd" });
  });
});
