// Generates src/api/schema.d.ts from openapi.json (the server's schema, written by `make openapi`).
// `node scripts/gen-schema.mjs --check` exits 1 when the committed file is stale (run by a unit test).
import { readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

const SOURCE = new URL("../openapi.json", import.meta.url);
const TARGET = new URL("../src/api/schema.d.ts", import.meta.url);
const HEADER =
  "// Generated from frontend/openapi.json by scripts/gen-schema.mjs (openapi-typescript). Do not edit:\n" +
  "// run `make openapi` after changing the API.\n\n";

async function render() {
  const ast = await openapiTS(JSON.parse(await readFile(SOURCE, "utf8")));
  return HEADER + astToString(ast);
}

const text = await render();
if (process.argv.includes("--check")) {
  const current = await readFile(TARGET, "utf8").catch(() => "");
  if (current !== text) {
    console.error("src/api/schema.d.ts is out of date with openapi.json: run `make openapi` (or `npm run gen:api`)");
    process.exit(1);
  }
  console.log("src/api/schema.d.ts is up to date");
} else {
  await writeFile(TARGET, text);
  console.log("wrote src/api/schema.d.ts");
}
