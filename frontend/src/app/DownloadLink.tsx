import type { MouseEvent, ReactNode } from "react";
import { request } from "../api/client";
import { toProblem } from "../api/problem";
import { getToken } from "../api/token";
import { notifyProblem } from "./notifications";

interface Props {
  href: string;
  filename: string;
  /** The accessible name (the visible text is often just the format). */
  label: string;
  children: ReactNode;
}

/** A download of an API file. Without a token it is a plain link (the browser streams it to
 * disk); with one, the file is fetched with the Authorization header and saved from a blob.
 * A failed download (404, 501 for a missing extra) shows its problem like any other error. */
export function DownloadLink({ href, filename, label, children }: Props) {
  async function viaFetch(event: MouseEvent<HTMLAnchorElement>) {
    if (!getToken()) return;
    event.preventDefault();
    try {
      const response = await fetch(href, { headers: { Authorization: `Bearer ${getToken() ?? ""}` } });
      if (!response.ok) {
        await request("GET", href); // throws the problem the server answers
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = filename;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      notifyProblem(toProblem(error));
    }
  }
  return (
    <a href={href} download={filename} aria-label={label} onClick={(event) => void viaFetch(event)}>
      {children}
    </a>
  );
}
