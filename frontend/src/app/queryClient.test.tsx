import { QueryClientProvider, useMutation, useQuery } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { request } from "../api/client";
import { mockApi, testQueryClient } from "../test/render";
import { Notifications } from "./Notifications";

afterEach(() => vi.unstubAllGlobals());

function Failing({ inline }: { inline: boolean }) {
  const query = useQuery({ queryKey: ["x"], queryFn: () => request("GET", "/api/x"), meta: { inlineErrors: inline } });
  const mutation = useMutation({ mutationFn: () => request("POST", "/api/y") });
  return (
    <>
      <span>{query.status}</span>
      <button onClick={() => mutation.mutate()}>go</button>
      <Notifications />
    </>
  );
}

const problems = {
  "GET /api/x": () => ({ status: 404, body: { title: "Not found", status: 404, detail: "no x" } }),
  "POST /api/y": () => ({ status: 409, body: { title: "Conflict", status: 409, detail: "y is taken" } }),
};

it("shows failed queries and mutations once, as notifications", async () => {
  mockApi(problems);
  render(
    <QueryClientProvider client={testQueryClient()}>
      <Failing inline={false} />
    </QueryClientProvider>,
  );
  expect(await screen.findByText("no x")).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "go" }));
  expect(await screen.findByText("y is taken")).toBeInTheDocument();
  expect(screen.getAllByRole("alert")).toHaveLength(2);
  await userEvent.click(screen.getAllByRole("button", { name: "Dismiss" })[0]!);
  expect(screen.getAllByRole("alert")).toHaveLength(1);
});

it("leaves errors to queries that show them in place", async () => {
  mockApi(problems);
  render(
    <QueryClientProvider client={testQueryClient()}>
      <Failing inline />
    </QueryClientProvider>,
  );
  expect(await screen.findByText("error")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

it("does not retry client errors", async () => {
  const { createQueryClient } = await import("./queryClient");
  const retry = createQueryClient().getDefaultOptions().queries?.retry as (n: number, e: unknown) => boolean;
  const { ProblemError } = await import("../api/problem");
  expect(retry(0, new ProblemError({ title: "Not found", status: 404 }))).toBe(false);
  expect(retry(0, new ProblemError({ title: "Boom", status: 500 }))).toBe(true);
  expect(retry(2, new Error("x"))).toBe(false);
});
