// A run's log, live: an EventSource on /api/runs/{id}/logs (each `log` event's id is the line's
// sequence number, so the browser's own reconnect resumes with Last-Event-ID), closed on the
// final `status` event. The stream's `metrics` events say the run's curves grew: the overlays
// holding the run are refetched then, so a page following the stream need not poll its curves
// (`pushesCurves`). EventSource cannot send an Authorization header, so with an API token set
// the hook polls the JSON pages (?after=) instead. Only the newest MAX_LINES are kept.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { LogLine, RunRead } from "../../../api/types";
import { getToken } from "../../../api/token";
import { getRunLogs, runPath } from "../api/runApi";
import { POLL_MS, runKeys } from "../api/runQueries";

export const MAX_LINES = 10_000;

export interface RunLogs {
  lines: LogLine[];
  /** Lines dropped from the front to stay under MAX_LINES. */
  dropped: number;
  state: "connecting" | "live" | "reconnecting" | "done";
  /** The stream is open and announces new metric points: the run's curves need no polling now. */
  pushesCurves: boolean;
}

/** The lines with `more` appended (a repeated sequence number is skipped), and how many fell off the front. */
export function appendLines(current: LogLine[], more: LogLine[], max = MAX_LINES): [LogLine[], number] {
  const last = current.at(-1)?.seq ?? 0;
  const fresh = more.filter((line) => line.seq > last);
  if (fresh.length === 0) return [current, 0];
  const next = current.concat(fresh);
  return next.length > max ? [next.slice(next.length - max), next.length - max] : [next, 0];
}

export function useRunLogs(runId: string): RunLogs {
  const queryClient = useQueryClient();
  const [logs, setLogs] = useState<RunLogs>({ lines: [], dropped: 0, state: "connecting", pushesCurves: false });

  useEffect(() => {
    let closed = false;
    const refetchCurves = () =>
      void queryClient.invalidateQueries({
        queryKey: runKeys.overlays(),
        predicate: (query) => (query.queryKey[2] as { ids?: string[] } | undefined)?.ids?.includes(runId) ?? false,
      });
    const add = (more: LogLine[]) =>
      setLogs((current) => {
        const [lines, removed] = appendLines(current.lines, more);
        return { ...current, lines, dropped: current.dropped + removed, state: current.state === "done" ? "done" : "live" };
      });
    const finish = (run?: RunRead) => {
      setLogs((current) => ({ ...current, state: "done", pushesCurves: false }));
      if (run) queryClient.setQueryData(runKeys.detail(runId), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists() });
      // The last metrics and the final files (adapter, manifest) land as the run ends, and the
      // curves stop polling once the run is no longer live: refetch every overlay holding this
      // run, or a run that finished between two polls keeps "No metrics yet".
      void queryClient.invalidateQueries({ queryKey: runKeys.artifacts(runId) });
      refetchCurves();
    };
    setLogs({ lines: [], dropped: 0, state: "connecting", pushesCurves: false });

    if (getToken() || typeof EventSource === "undefined") {
      let after = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const controller = new AbortController();
      const poll = async () => {
        try {
          const page = await getRunLogs(runId, after, controller.signal);
          if (closed) return;
          after = page.next_after;
          if (page.items.length > 0) add(page.items);
          if (page.done) return finish();
        } catch {
          if (closed) return;
          setLogs((current) => ({ ...current, state: "reconnecting" }));
        }
        timer = setTimeout(() => void poll(), POLL_MS);
      };
      void poll();
      return () => {
        closed = true;
        controller.abort();
        clearTimeout(timer);
      };
    }

    const source = new EventSource(`${runPath(runId)}/logs`);
    source.addEventListener("open", () =>
      setLogs((current) => (current.state === "done" ? current : { ...current, state: "live", pushesCurves: true })),
    );
    source.addEventListener("metrics", refetchCurves);
    source.addEventListener("log", (event) => add([JSON.parse((event as MessageEvent<string>).data) as LogLine]));
    source.addEventListener("status", (event) => {
      source.close();
      finish(JSON.parse((event as MessageEvent<string>).data) as RunRead);
    });
    source.addEventListener("error", () => {
      // The browser reconnects by itself (sending Last-Event-ID) unless the stream was refused.
      setLogs((current) => ({
        ...current,
        state: source.readyState === EventSource.CLOSED ? "done" : "reconnecting",
        pushesCurves: false,
      }));
    });
    return () => {
      closed = true;
      source.close();
    };
  }, [runId, queryClient]);

  return logs;
}
