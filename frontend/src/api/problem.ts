// The API answers errors as RFC 9457 problem documents (application/problem+json).

/** One field-level error: `loc` is the path to the offending field; imports add `line`, batches `index`. */
export interface FieldError {
  loc?: (string | number)[];
  msg?: string;
  type?: string;
  line?: number;
  index?: number;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ProblemError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === "string" && typeof candidate.status === "number";
}

/** A problem from a failed response: the body when it is one, else a summary of what came back. */
export function problemFrom(status: number, statusText: string, body: unknown): Problem {
  if (isProblem(body)) return body;
  const detail = typeof body === "string" && body.trim() ? body.trim().slice(0, 300) : undefined;
  return { title: statusText || `HTTP ${status}`, status, detail };
}

/** Any thrown value as a problem, so every error renders the same way. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof Error) return { title: "Request failed", status: 0, detail: error.message };
  return { title: "Request failed", status: 0, detail: String(error) };
}

/** "body › steps › 0 › content" for a field path; leading "body"/"query" kept, they say where to look. */
export function formatLoc(loc: FieldError["loc"]): string {
  return loc && loc.length > 0 ? loc.join(" › ") : "";
}
