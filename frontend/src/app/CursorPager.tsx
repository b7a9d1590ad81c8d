import type { ReactNode } from "react";

/** "First page" / "Next page" for every keyset-paged list: the server hands out an opaque
 * `next_cursor`, so a list can only go forward or back to the start. */
export function CursorPager({
  cursor,
  nextCursor,
  onPage,
  children,
}: {
  cursor: string | undefined | null;
  nextCursor: string | undefined | null;
  onPage: (cursor: string | undefined) => void;
  children?: ReactNode;
}) {
  return (
    <div className="pager">
      {cursor && (
        <button type="button" className="secondary" onClick={() => onPage(undefined)}>
          ← First page
        </button>
      )}
      {children}
      {nextCursor && (
        <button type="button" onClick={() => onPage(nextCursor)}>
          Next page →
        </button>
      )}
    </div>
  );
}
