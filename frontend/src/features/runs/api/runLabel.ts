// How a run is named where space is short (tables, legends, chips): the name its user gave it,
// else the first characters of its id, which every id field of the API and the CLI takes back.

export const SHORT_ID = 8;

/** The first `SHORT_ID` characters of an id: a unique prefix the API and the CLI accept. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_ID);
}

/** A run's name, or its short id when it has none. */
export function runLabel(run: { id: string; name?: string | null }): string {
  return run.name?.trim() ? run.name : shortId(run.id);
}

/** Whether `text` (a full id, or a prefix of one typed by hand, in any case, hyphens optional) names `id`. */
export function idStartsWith(id: string, text: string): boolean {
  const wanted = text.trim().toLowerCase().replace(/-/g, "");
  return wanted.length > 0 && id.toLowerCase().replace(/-/g, "").startsWith(wanted);
}
