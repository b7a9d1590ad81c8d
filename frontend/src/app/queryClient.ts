// Server state lives in TanStack Query. Errors are handled here, once: every failed query or
// mutation becomes a notification, unless it says (meta) that it shows its errors in place.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ProblemError, toProblem } from "../api/problem";
import { notifyProblem } from "./notifications";

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { inlineErrors?: boolean };
    mutationMeta: { inlineErrors?: boolean };
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx will not change by asking again; a 5xx or an unreachable server might.
  if (error instanceof ProblemError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!query.meta?.inlineErrors) notifyProblem(toProblem(error));
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.inlineErrors) notifyProblem(toProblem(error));
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
