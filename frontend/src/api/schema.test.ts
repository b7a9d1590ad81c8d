// @vitest-environment node
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// The committed TypeScript types must be exactly what openapi-typescript makes of the committed
// openapi.json (itself checked against the server by tests/test_openapi.py). Fix: `make openapi`.
it("src/api/schema.d.ts is generated from openapi.json", () => {
  const script = fileURLToPath(new URL("../../scripts/gen-schema.mjs", import.meta.url));
  let output = "";
  try {
    output = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const failure = error as { stderr?: string };
    throw new Error(failure.stderr || String(error));
  }
  expect(output).toContain("up to date");
}, 30_000);
