import { useEffect } from "react";

/** "<page> · tunix-rt" as the tab's title while the page is shown (history and bookmarks read it). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · tunix-rt` : "tunix-rt";
  }, [title]);
}
