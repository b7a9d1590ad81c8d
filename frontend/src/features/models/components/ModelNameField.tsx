import { NAME_PATTERN } from "../api/modelApi";

/** The "Model name" input of the promote forms, flagged invalid as soon as it breaks the
 * registry's name rule (the server would answer 422). */
export function ModelNameField({ value, onChange, helpId }: { value: string; onChange: (name: string) => void; helpId: string }) {
  return (
    <label>
      <span>Model name</span>
      <input value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={(value !== "" && !NAME_PATTERN.test(value.trim())) || undefined} aria-describedby={helpId} />
      <span className="muted small" id={helpId}>lowercase letters, digits, . _ -</span>
    </label>
  );
}
