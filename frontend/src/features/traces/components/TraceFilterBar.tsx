import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { traceQueries } from "../api/traceQueries";
import { formatMeta, parseMeta, type TraceFilters } from "../api/traceFilters";

interface Props {
  filters: TraceFilters;
  onChange: (filters: TraceFilters) => void;
}

/** The list's filters; sources and flags to pick from come from the store's own stats. */
export function TraceFilterBar({ filters, onChange }: Props) {
  const { data: stats } = useQuery(traceQueries.stats({}));
  const [draft, setDraft] = useState({
    q: filters.q ?? "",
    source: filters.source ?? "",
    tag: filters.tag ?? "",
    meta: formatMeta(filters.meta),
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    onChange({ ...filters, q: draft.q, source: draft.source, tag: draft.tag, meta: parseMeta(draft.meta) });
  }

  function reset() {
    setDraft({ q: "", source: "", tag: "", meta: "" });
    onChange({});
  }

  const sources = Object.keys(stats?.by_source ?? {}).filter((source) => source !== "unknown");
  const flags = Object.keys(stats?.by_flag ?? {});
  return (
    <form className="filters" onSubmit={apply} aria-label="Filters">
      <label>
        Search
        <input
          type="search"
          placeholder="prompt or answer text"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
      </label>
      <label>
        Source
        <input
          list="trace-sources"
          placeholder="any"
          value={draft.source}
          onChange={(e) => setDraft({ ...draft, source: e.target.value })}
        />
        <datalist id="trace-sources">
          {sources.map((source) => (
            <option key={source} value={source} />
          ))}
        </datalist>
      </label>
      <label>
        Tag
        <input placeholder="any" value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} />
      </label>
      <label>
        Meta
        <input
          placeholder="category=reasoning"
          value={draft.meta}
          onChange={(e) => setDraft({ ...draft, meta: e.target.value })}
        />
      </label>
      <label>
        Quality
        <select
          value={filters.quality ?? ""}
          onChange={(e) => onChange({ ...filters, quality: (e.target.value || undefined) as TraceFilters["quality"] })}
        >
          <option value="">any</option>
          <option value="ok">ok</option>
          <option value="flagged">flagged</option>
        </select>
      </label>
      <label>
        Flag
        <select value={filters.flag ?? ""} onChange={(e) => onChange({ ...filters, flag: e.target.value || undefined })}>
          <option value="">any</option>
          {[...new Set([...flags, ...(filters.flag ? [filters.flag] : [])])].map((flag) => (
            <option key={flag} value={flag}>
              {flag}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit">Apply</button>
        <button type="button" className="secondary" onClick={reset}>
          Clear
        </button>
      </div>
    </form>
  );
}
