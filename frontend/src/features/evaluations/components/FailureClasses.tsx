import { FAILURE_LABELS } from "../api/scorecard";

interface Props {
  failures: Record<string, number>;
  /** The class whose items are listed below, "" for none. */
  active: string;
  onPick: (failure: string) => void;
}

const HELP: Record<string, string> = {
  repetition_loop: "the output ends in the same chunk repeated",
  incomplete: "the reasoning was never closed: no answer was given",
  truncated: "generation hit max_new_tokens before the answer closed",
  extraction_failure: "no answer could be found in the output",
  format_failure: "an answer is there, the template is not followed",
  arithmetic_slip: "a computation in the reasoning is wrong",
  wrong_final_answer: "well-formed and wrong",
};

/** Why the wrong items are wrong, one class each (first match wins); a class lists its items. */
export function FailureClasses({ failures, active, onPick }: Props) {
  const labels = [...FAILURE_LABELS, ...Object.keys(failures).filter((label) => !(FAILURE_LABELS as readonly string[]).includes(label))];
  const total = Object.values(failures).reduce((sum, n) => sum + n, 0);
  const top = Math.max(1, ...Object.values(failures));
  return (
    <figure className="bars">
      <figcaption>Failure classes ({total} wrong)</figcaption>
      <table aria-label="Failure classes">
        <tbody>
          {labels.map((label) => {
            const n = failures[label] ?? 0;
            return (
              <tr key={label} className={active === label ? "chosen" : undefined}>
                <th scope="row" title={HELP[label]}>
                  {n > 0 ? (
                    <button type="button" className="link" aria-pressed={active === label} onClick={() => onPick(active === label ? "" : label)}>
                      {label.replaceAll("_", " ")}
                    </button>
                  ) : (
                    <span className="muted">{label.replaceAll("_", " ")}</span>
                  )}
                </th>
                <td className="bar-cell">
                  {n > 0 && <span className="bar bad-bar" style={{ width: `${(100 * n) / top}%` }} />}
                </td>
                <td className="num">{n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}
