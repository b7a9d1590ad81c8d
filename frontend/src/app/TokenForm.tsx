import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { getToken, setToken } from "../api/token";

/** Where to paste an API token when the server has authentication on (kept in this browser only). */
export function TokenForm() {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(() => getToken() !== null);
  const [value, setValue] = useState("");

  function save(event: FormEvent) {
    event.preventDefault();
    setToken(value.trim() || null);
    setSaved(Boolean(value.trim()));
    setValue("");
    void queryClient.invalidateQueries();
  }

  function forget() {
    setToken(null);
    setSaved(false);
    void queryClient.invalidateQueries();
  }

  if (saved) {
    return (
      <div className="token">
        API token set.{" "}
        <button type="button" className="link" onClick={forget}>
          Forget
        </button>
      </div>
    );
  }
  return (
    <form className="token" onSubmit={save}>
      <label>
        API token <span className="muted">(only if the server asks)</span>
        <input type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      </label>
      <button type="submit" disabled={!value.trim()}>
        Use token
      </button>
    </form>
  );
}
