// The one place that talks HTTP: JSON in and out, bearer token, problem+json errors as ProblemError.
// Feature modules (src/features/*/api) wrap it with types from the generated schema.
import { ProblemError, problemFrom } from "./problem";
import { getToken } from "./token";

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (multipart uploads). */
  form?: FormData;
  signal?: AbortSignal;
  /** Statuses besides 2xx whose JSON body is data, not an error (health answers 503 when degraded). */
  acceptStatus?: number[];
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  // JSON Lines (application/x-ndjson) stays text for its caller to split: parsed whole it would
  // fail on two lines and silently become an object on one.
  if (type.includes("json") && !type.includes("ndjson") && text) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ProblemError({
      title: "Server unreachable",
      status: 0,
      detail: `${method} ${path} did not get an answer; is \`tunix-rt serve\` running?`,
    });
  }
  if (response.status === 204) return undefined as T;
  const data = await readBody(response);
  if (!response.ok && !options.acceptStatus?.includes(response.status)) {
    throw new ProblemError(problemFrom(response.status, response.statusText, data));
  }
  return data as T;
}
