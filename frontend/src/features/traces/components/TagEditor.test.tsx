import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { traceBody } from "../../../test/fixtures";
import { mockApi, renderAt } from "../../../test/render";
import { TagEditor } from "./TagEditor";

afterEach(() => vi.unstubAllGlobals());

it("removes a tag with PATCH remove", async () => {
  const trace = traceBody({ tags: ["gold", "old"] });
  const { calls } = mockApi({ [`PATCH /api/traces/${trace.id}`]: () => ({ body: { ...trace, tags: ["gold"] } }) });
  const { queryClient } = renderAt(<TagEditor traceId={trace.id} tags={trace.tags} />);
  await userEvent.click(screen.getByRole("button", { name: "Remove tag old" }));
  await vi.waitFor(() => expect(queryClient.getQueryData(["traces", "detail", trace.id])).toBeTruthy());
  expect(calls[0]?.body).toEqual({ remove: ["old"] });
});

it("says when there are none", () => {
  renderAt(<TagEditor traceId="x" tags={[]} />);
  expect(screen.getByText("no tags")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Add" })).toBeDisabled();
});
