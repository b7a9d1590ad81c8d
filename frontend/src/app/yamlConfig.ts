// A run-like config as the new-sweep, new-loop and new-sample forms edit it: YAML text, parsed
// with the `yaml` package, and the server's 422 errors placed on the lines of that text they name.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { FieldError } from "../api/problem";

export type ConfigJson = Record<string, unknown>;

/** YAML text as a config mapping, or why it is not one; `what` names the config in the message. */
export function parseConfigYaml(text: string, what: string): { config: ConfigJson } | { error: string } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message };
  const value: unknown = doc.toJS();
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: `the ${what} must be a mapping (key: value lines)` };
  }
  return { config: value as ConfigJson };
}

export interface ConfigIssue {
  /** The config path, e.g. ["space", "optimizer.lr"]; empty for the config as a whole. */
  path: (string | number)[];
  message: string;
  /** The 1-based line of the YAML text the path leads to (its deepest key found), if any. */
  line: number | null;
}

/** The line of the deepest key of `path` that the YAML text has. */
function lineOf(text: string, path: (string | number)[]): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  let offset: number | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key: unknown = item.key;
        const name = typeof key === "object" && key !== null && "value" in key ? (key as { value: unknown }).value : key;
        return String(name) === String(part);
      });
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number" && node.items[part]) {
      const item = node.items[part] as Node;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === null ? null : lineCounter.linePos(offset).line;
}

/** The 422 errors that name a place in the config (loc body › config › ...), with their lines. */
export function configIssues(errors: FieldError[], text: string): ConfigIssue[] {
  return errors.flatMap((error) => {
    const loc = error.loc ?? [];
    if (loc[0] !== "body" || loc[1] !== "config") return [];
    const path = loc.slice(2);
    return [{ path, message: error.msg ?? "invalid", line: path.length > 0 ? lineOf(text, path) : null }];
  });
}
