// The geometry of the parallel-coordinates chart, apart from drawing so it can be tested: one
// vertical axis per column of the sweep's table, left to right; a numeric axis spans its
// values' min (bottom) to max (top), a categorical one spaces its values evenly; each trial is
// one polyline through its values, coloured by how good its objective is, grey without one.
import type { ParallelTable, TableColumn } from "../../../api/types";
import { formatLearningRate, isLearningRate } from "./trials";

export interface Size {
  width: number;
  height: number;
}

/** Room around the plot for the axis names (top) and tick labels (sides). */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const MARGIN: Margin = { top: 28, right: 70, bottom: 16, left: 70 };

export interface Tick {
  label: string;
  y: number;
}

export interface Axis {
  column: TableColumn;
  x: number;
  ticks: Tick[];
  /** Where a value sits on this axis; null for a value the axis cannot place. */
  y: (value: unknown) => number | null;
}

export interface Polyline {
  trialId: string;
  status: string;
  objective: number | null;
  /** Hex colour; GREY for a trial without an objective (failed, stopped, still going). */
  color: string;
  /** One point per axis, null where the trial has no value. */
  points: ([number, number] | null)[];
}

export const GREY = "#adb5bd";
const WORST = [240, 140, 0] as const;
const BEST = [47, 91, 211] as const;

/** Short labels for axis ticks: 3 significant digits, exponents for tiny and huge values (a
 * learning rate's axis uses the sweep pages' one learning-rate form instead). */
export function formatValue(value: number): string {
  const size = Math.abs(value);
  if (value === 0) return "0";
  if (size < 1e-2 || size >= 1e5) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function numericAxis(column: TableColumn, values: unknown[], top: number, bottom: number): Omit<Axis, "x"> {
  const numbers = values.filter(isNumber);
  const min = numbers.length > 0 ? Math.min(...numbers) : 0;
  const max = numbers.length > 0 ? Math.max(...numbers) : 0;
  const middle = (top + bottom) / 2;
  const y = (value: unknown) => {
    if (!isNumber(value)) return null;
    return max === min ? middle : bottom - ((value - min) / (max - min)) * (bottom - top);
  };
  const format = isLearningRate(column.name) ? formatLearningRate : formatValue;
  const ticks = numbers.length === 0 ? [] : max === min ? [{ label: format(min), y: middle }] : [
    { label: format(max), y: top },
    { label: format((min + max) / 2), y: middle },
    { label: format(min), y: bottom },
  ];
  return { column, ticks, y };
}

function categoryAxis(column: TableColumn, values: unknown[], top: number, bottom: number): Omit<Axis, "x"> {
  const categories = [...new Set(values.filter((value) => value !== undefined && value !== null).map(String))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  const place = (index: number) =>
    categories.length === 1 ? (top + bottom) / 2 : top + (index / (categories.length - 1)) * (bottom - top);
  const y = (value: unknown) => {
    if (value === undefined || value === null) return null;
    const index = categories.indexOf(String(value));
    return index < 0 ? null : place(index);
  };
  return { column, ticks: categories.map((label, index) => ({ label, y: place(index) })), y };
}

function mix(goodness: number): string {
  const channel = (i: number) => Math.round(WORST[i]! + (BEST[i]! - WORST[i]!) * goodness);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

/** Axes and polylines of `table` in a `size` box; `mode` says whether a higher objective is better. */
export function parallelLayout(table: ParallelTable, mode: "max" | "min", size: Size, margin: Margin = MARGIN) {
  const top = margin.top;
  const bottom = size.height - margin.bottom;
  const left = margin.left;
  const right = size.width - margin.right;
  const count = table.columns.length;
  const axes: Axis[] = table.columns.map((column, index) => {
    const values = table.rows.map((row) => row.values[column.name]);
    const axis = column.type === "number" ? numericAxis(column, values, top, bottom) : categoryAxis(column, values, top, bottom);
    return { ...axis, x: count === 1 ? (left + right) / 2 : left + (index / (count - 1)) * (right - left) };
  });
  const objectiveColumn = table.columns.find((column) => column.role === "objective");
  const objectives = table.rows.map((row) => (objectiveColumn ? row.values[objectiveColumn.name] : undefined));
  const scored = objectives.filter(isNumber);
  const lo = Math.min(...scored);
  const hi = Math.max(...scored);
  const lines: Polyline[] = table.rows.map((row, index) => {
    const objective = objectives[index];
    const ok = isNumber(objective) && row.status !== "failed";
    const rank = !ok ? 0 : hi === lo ? 1 : (objective - lo) / (hi - lo);
    return {
      trialId: row.trial_id,
      status: row.status,
      objective: isNumber(objective) ? objective : null,
      color: ok ? mix(mode === "max" ? rank : 1 - rank) : GREY,
      points: axes.map((axis) => {
        const y = axis.y(row.values[axis.column.name]);
        return y === null ? null : ([axis.x, y] as [number, number]);
      }),
    };
  });
  return { axes, lines };
}

/** An SVG path through the points, lifting the pen over missing values. */
export function pathOf(points: Polyline["points"]): string {
  const commands: string[] = [];
  let pen = false;
  for (const point of points) {
    if (point !== null) commands.push(`${pen ? "L" : "M"}${point[0].toFixed(1)},${point[1].toFixed(1)}`);
    pen = point !== null;
  }
  return commands.join(" ");
}
