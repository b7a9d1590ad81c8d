// The link from a child run to the composite run that submitted it: a sweep's trial runs go to
// the sweep's page, a loop's round runs to the loop's page, anything else to the parent's run
// page. A child does not carry its parent's kind, so it is read unless the caller already knows
// it (a runs list holding the parent); TanStack Query shares that read among a parent's children.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { runQueries } from "../api/runQueries";

/** What a parent of `kind` is called beside its child, and where its page is. */
export function parentPage(kind: string | undefined, id: string): { noun: string; to: string } {
  if (kind === "sweep") return { noun: "sweep", to: `/sweeps/${id}` };
  if (kind === "loop") return { noun: "loop", to: `/loops/${id}` };
  return { noun: "parent run", to: `/runs/${id}` };
}

/** A link to the parent's page; `children` words it from the parent's noun (until the kind is known, "parent run"). */
export function ParentLink({ parentId, knownKind, label, children }: { parentId: string; knownKind?: string; label?: (noun: string) => string; children: (noun: string) => string }) {
  const parent = useQuery({ ...runQueries.detail(parentId), enabled: knownKind === undefined, refetchInterval: false });
  const { noun, to } = parentPage(knownKind ?? parent.data?.kind, parentId);
  return <Link to={to} aria-label={label?.(noun)}>{children(noun)}</Link>;
}
