import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { filtersToSearch } from "../api/traceFilters";
import { useSynthesizeTraces } from "../hooks/useTraceMutations";

// The generators the server offers (SynthRequest.kind); an unknown kind is refused with a 422.
const KINDS = [
  "mixed",
  "arithmetic",
  "word_problem",
  "string",
  "unit_conversion",
  "card_game",
  "column_arithmetic",
] as const;
const OPERATIONS = ["addition", "subtraction"] as const;
type Operation = (typeof OPERATIONS)[number];

/** Generate deterministic synthetic traces (POST /api/traces/synth). */
export function SynthForm() {
  const synth = useSynthesizeTraces();
  const [kind, setKind] = useState<string>("mixed");
  const [count, setCount] = useState(20);
  const [seed, setSeed] = useState(0);
  const [tags, setTags] = useState("");
  const [minDigits, setMinDigits] = useState(2);
  const [maxDigits, setMaxDigits] = useState(3);
  const [operations, setOperations] = useState<Operation[]>([...OPERATIONS]);
  const columns = kind === "column_arithmetic";
  const digitFields = [
    ["Fewest digits", minDigits, setMinDigits],
    ["Most digits", maxDigits, setMaxDigits],
  ] as const;

  const tagList = tags
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

  function submit(event: FormEvent) {
    event.preventDefault();
    const options = { min_digits: minDigits, max_digits: maxDigits, operations };
    synth.mutate({ kind, count, seed, tags: tagList, ...(columns ? { column_arithmetic: options } : {}) });
  }

  function toggle(operation: Operation, on: boolean) {
    setOperations(OPERATIONS.filter((o) => (o === operation ? on : operations.includes(o))));
  }

  const first = synth.variables?.tags?.[0];
  return (
    <div className="panel" aria-labelledby="synth-title">
      <h2 id="synth-title">Generate synthetic traces</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <label>
            Count
            <input type="number" min={1} value={count} onChange={(e) => setCount(Number(e.target.value))} />
          </label>
          <label>
            Seed
            <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
        </div>
        {columns && (
          <fieldset className="stack">
            <legend>Column arithmetic</legend>
            <div className="row">
              {digitFields.map(([label, value, set]) => (
                <label key={label}>
                  {label}
                  <input type="number" min={1} max={9} value={value} onChange={(e) => set(Number(e.target.value))} />
                </label>
              ))}
            </div>
            <div className="row">
              {OPERATIONS.map((operation) => (
                <label key={operation}>
                  <input
                    type="checkbox"
                    checked={operations.includes(operation)}
                    onChange={(e) => toggle(operation, e.target.checked)}
                  />{" "}
                  {operation}
                </label>
              ))}
            </div>
            <p className="muted small">One step per column with its carry or borrow; no problem is repeated.</p>
          </fieldset>
        )}
        <label>
          <span>
            Tags <span className="muted">(comma-separated, optional)</span>
          </span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="synthetic, batch-1" />
        </label>
        <p className="muted small">The same kind, count and seed always give the same traces (stored once).</p>
        <button
          type="submit"
          disabled={synth.isPending || count < 1 || (columns && (operations.length === 0 || minDigits > maxDigits))}
        >
          {synth.isPending ? "Generating…" : "Generate"}
        </button>
      </form>
      {synth.data && (
        <p className="result" role="status">
          <strong>{synth.data.created} created</strong>, {synth.data.duplicates} already stored.{" "}
          <Link to={first ? `/traces?${filtersToSearch({ tag: first })}` : "/traces"}>See them</Link>
        </p>
      )}
    </div>
  );
}
