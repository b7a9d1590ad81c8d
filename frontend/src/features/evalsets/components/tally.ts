// How the eval-set pages print a tally of the manifest's counts (by section, category or
// difficulty): "core 4 · edge_case 2".

export function tallyText(tally: unknown): string {
  const entries = typeof tally === "object" && tally !== null ? Object.entries(tally) : [];
  return entries.length === 0 ? "–" : entries.map(([name, n]) => `${name} ${String(n)}`).join(" · ");
}
