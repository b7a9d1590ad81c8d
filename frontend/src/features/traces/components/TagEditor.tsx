import { useState, type FormEvent } from "react";
import { useUpdateTraceTags } from "../hooks/useTraceMutations";

/** A trace's tags: remove one with ×, add one by typing it. */
export function TagEditor({ traceId, tags }: { traceId: string; tags: string[] }) {
  const update = useUpdateTraceTags(traceId);
  const [draft, setDraft] = useState("");

  function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    update.mutate({ add: [tag] }, { onSuccess: () => setDraft("") });
  }

  return (
    <div className="tag-editor">
      <ul className="inline-list" aria-label="Tags">
        {tags.length === 0 && <li className="muted">no tags</li>}
        {tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="link"
              aria-label={`Remove tag ${tag}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ remove: [tag] })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="row">
        <input aria-label="New tag" placeholder="add a tag" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" disabled={!draft.trim() || update.isPending}>
          Add
        </button>
      </form>
    </div>
  );
}
