import type { ReactNode } from "react";
import type { ArithmeticCheck } from "../../../api/types";

interface Props {
  content: string;
  /** The quality report's arithmetic checks for this step. */
  checks: ArithmeticCheck[];
}

/** A step's text with each checked computation marked: wrong ones highlighted with the expected
 * value, right ones underlined. Offsets come from Python, so they count code points, not UTF-16. */
export function StepContent({ content, checks }: Props) {
  const chars = Array.from(content);
  const sorted = [...checks].sort((x, y) => x.start - y.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [index, check] of sorted.entries()) {
    if (check.start < at || check.end > chars.length || check.end <= check.start) continue;
    if (check.start > at) parts.push(chars.slice(at, check.start).join(""));
    const text = chars.slice(check.start, check.end).join("");
    parts.push(
      check.correct ? (
        <span key={index} className="arith-ok" title="arithmetic checked: correct">
          {text}
        </span>
      ) : (
        <mark
          key={index}
          className="arith-wrong"
          title={`wrong: ${check.expression} is ${check.expected}, not ${check.stated}`}
          data-expected={check.expected}
        >
          {text}
          <span className="arith-expected">→ {check.expected}</span>
        </mark>
      ),
    );
    at = check.end;
  }
  if (at < chars.length) parts.push(chars.slice(at).join(""));
  return <span className="step-content">{parts}</span>;
}
