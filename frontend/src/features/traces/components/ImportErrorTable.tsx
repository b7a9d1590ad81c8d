import { formatLoc, type FieldError } from "../../../api/problem";

/** The per-line errors of a JSONL import. */
export function ImportErrorTable({ errors }: { errors: FieldError[] }) {
  return (
    <table className="line-errors" aria-label="Line errors">
      <thead>
        <tr>
          <th className="num">Line</th>
          <th>Field</th>
          <th>Problem</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error, index) => (
          <tr key={index}>
            <td className="num">{error.line ?? error.index ?? "–"}</td>
            <td>
              <code>{formatLoc(error.loc) || "–"}</code>
            </td>
            <td>{error.msg}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
