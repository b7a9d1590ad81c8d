import { Link } from "react-router-dom";
import type { TraceSummary } from "../../../api/types";
import { QualityBadges } from "./QualityBadges";

interface Props {
  traces: TraceSummary[];
  selected: string[];
  onToggle: (id: string) => void;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** One page of traces; the checkbox picks traces to compare. */
export function TraceTable({ traces, selected, onToggle }: Props) {
  return (
    <table className="traces">
      <thead>
        <tr>
          <th aria-label="Select" />
          <th>Prompt</th>
          <th>Answer</th>
          <th className="num">Steps</th>
          <th>Source</th>
          <th>Tags</th>
          <th>Quality</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace) => (
          <tr key={trace.id}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select trace ${trace.id} for comparison`}
                checked={selected.includes(trace.id)}
                onChange={() => onToggle(trace.id)}
              />
            </td>
            <td className="prompt-cell">
              <Link to={`/traces/${trace.id}`} title={trace.prompt}>
                {clip(trace.prompt, 110)}
              </Link>
            </td>
            <td title={trace.final_answer}>{clip(trace.final_answer, 40)}</td>
            <td className="num">{trace.step_count}</td>
            <td className="muted">{trace.source ?? "–"}</td>
            <td>
              {trace.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </td>
            <td>
              <QualityBadges ok={trace.quality_ok} flags={trace.quality_flags} />
            </td>
            <td className="muted nowrap">{new Date(trace.created_at).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
