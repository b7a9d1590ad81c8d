import { useMemo } from "react";
import type { ParallelTable } from "../../../api/types";
import { GREY, MARGIN, parallelLayout, pathOf } from "../api/parallel";
import type { Mode } from "../api/trials";

const SIZE = { width: 900, height: 320 };

/** One vertical axis per searched key and one for the objective; one line per trial through its
 * values, coloured from orange (worst objective) to blue (best), grey without an objective
 * (failed, stopped or unfinished) and dashed when failed. An SVG scaled to the panel's width. */
export function ParallelCoordinates({ table, mode, best }: { table: ParallelTable; mode: Mode; best: string | null }) {
  const { axes, lines } = useMemo(() => parallelLayout(table, mode, SIZE), [table, mode]);
  // Grey lines underneath, then the scored ones from worst to best, the best on top.
  const ordered = useMemo(
    () =>
      [...lines].sort((a, b) => {
        const rank = (line: (typeof lines)[number]) => (line.trialId === best ? 2 : line.color === GREY ? 0 : 1);
        const byRank = rank(a) - rank(b);
        if (byRank !== 0 || a.objective === null || b.objective === null) return byRank;
        return mode === "max" ? a.objective - b.objective : b.objective - a.objective;
      }),
    [lines, best, mode],
  );
  if (table.rows.length === 0) return <p className="muted">No trials yet.</p>;
  return (
    <figure className="chart parallel" aria-label="Parallel coordinates">
      <figcaption>
        Parameters and objective of each trial{" "}
        <span className="muted small">
          (<span className="swatch worse" /> worse → <span className="swatch better" /> better; grey: no objective, dashed: failed)
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} role="img" aria-label={`Parallel coordinates of ${lines.length} trials over ${axes.length} axes`} data-testid="parallel-coordinates">
        {ordered.map((line) => (
          <path
            key={line.trialId}
            d={pathOf(line.points)}
            fill="none"
            stroke={line.color}
            strokeWidth={line.trialId === best ? 3 : 1.5}
            strokeOpacity={line.color === GREY ? 0.7 : 0.9}
            strokeDasharray={line.status === "failed" ? "4 3" : undefined}
            data-trial={line.trialId}
          >
            <title>
              {line.trialId} ({line.status}
              {line.objective === null ? "" : `, objective ${line.objective}`})
            </title>
          </path>
        ))}
        {axes.map((axis) => (
          <g key={axis.column.name} className="pc-axis" data-axis={axis.column.name}>
            <line x1={axis.x} x2={axis.x} y1={SIZE.height - MARGIN.bottom} y2={MARGIN.top} stroke="#667085" />
            <text x={axis.x} y={14} textAnchor="middle" className={axis.column.role === "objective" ? "pc-name objective" : "pc-name"}>
              {axis.column.name}
            </text>
            {axis.ticks.map((tick) => (
              <text key={tick.label} x={axis.x - 5} y={tick.y + 4} textAnchor="end" className="pc-tick">
                {tick.label}
              </text>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
