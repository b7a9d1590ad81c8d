import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { LogLine } from "../../../api/types";
import type { RunLogs } from "../hooks/useRunLogs";

export const ROW_HEIGHT = 20;
const HEIGHT = 360;
const OVERSCAN = 10;

/** A progress bar rewrites its line with \r; show what the terminal would end up showing. */
export function visibleText(line: string): string {
  const parts = line.split("\r").filter((part) => part.trim());
  return parts.at(-1) ?? line;
}

/** The log, windowed: only the rows in view (plus a margin) are in the DOM, however long it gets.
 * Follows the end while "Follow" is on (scrolling up turns it off); Pause freezes the view while
 * lines keep arriving; Search shows only the matching lines. */
export function LogTail({ logs }: { logs: RunLogs }) {
  const [paused, setPaused] = useState<LogLine[] | null>(null);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  const source = paused ?? logs.lines;
  const needle = search.trim().toLowerCase();
  const shown = useMemo(
    () => (needle ? source.filter((line) => line.line.toLowerCase().includes(needle)) : source),
    [source, needle],
  );
  const visible = Math.ceil(HEIGHT / ROW_HEIGHT);
  const first = follow
    ? Math.max(0, shown.length - visible - OVERSCAN)
    : Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const rows = shown.slice(first, first + visible + 2 * OVERSCAN);

  useLayoutEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [follow, shown.length]);

  useEffect(() => {
    if (logs.state === "done") setPaused(null);
  }, [logs.state]);

  function onScroll() {
    const el = box.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (follow !== atEnd) setFollow(atEnd);
  }

  return (
    <div className="log-tail">
      <div className="row log-tools">
        <label>
          Search the log
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="text" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <button type="button" className="secondary" onClick={() => setPaused(paused ? null : logs.lines)} aria-pressed={paused !== null}>
          {paused ? "Resume view" : "Pause"}
        </button>
        <span className="muted small" role="status" aria-live="off">
          {needle ? `${shown.length} of ${source.length} lines match` : `${source.length} lines`}
          {logs.dropped > 0 && ` (first ${logs.dropped} dropped)`}
          {paused && ` · paused, ${logs.lines.length - paused.length} new`}
          {" · "}
          {logs.state === "live" ? "live" : logs.state === "done" ? "complete" : logs.state}
        </span>
      </div>
      <div
        ref={box}
        className="log-box"
        style={{ height: HEIGHT }}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label="Run log"
      >
        {shown.length === 0 && (
          <p className="muted log-empty">{logs.state === "done" ? "No log lines." : needle ? "No line matches." : "Waiting for log lines…"}</p>
        )}
        <div style={{ height: shown.length * ROW_HEIGHT, position: "relative" }}>
          {rows.map((line, index) => (
            <div
              key={line.seq}
              className={`log-line log-${line.stream}`}
              style={{ position: "absolute", top: (first + index) * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <span className="log-seq">{line.seq}</span>
              <span className="log-stream">{line.stream}</span>
              <span className="log-text">{visibleText(line.line)}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
