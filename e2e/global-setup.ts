// Starts a real `tunix-rt serve --demo` (SQLite in a temp TUNIX_RT_HOME, a free port) with the
// built UI, for the specs; returns the teardown that stops it and removes the home.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = process.env.TUNIX_RT_E2E_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new Error(`no Chromium at ${chromium}: apt-get install chromium (or set TUNIX_RT_E2E_CHROMIUM)`);
  }
  if (!existsSync(join(ROOT, "src/tunix_rt/web/index.html"))) {
    throw new Error("the web UI is not built (src/tunix_rt/web/index.html): run `make ui`");
  }
  const cli = join(ROOT, ".venv/bin/tunix-rt");
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`make setup\``);

  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), "tunix-rt-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, TUNIX_RT_HOME: home, TUNIX_RT_DEMO_TRACES: "120" };
  for (const name of ["TUNIX_RT_DATABASE_URL", "TUNIX_RT_API_TOKENS", "TUNIX_RT_HOST", "TUNIX_RT_PORT"]) delete env[name];
  const server = spawn(cli, ["serve", "--demo", "--port", String(port), "--log-level", "warning"], {
    cwd: home,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`tunix-rt serve exited with ${server.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill();
      throw new Error(`tunix-rt serve did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }

  process.env.TUNIX_RT_E2E_URL = url;
  // Screenshots of every page, on every run, in e2e/screenshots/ (git-ignored) unless told elsewhere.
  process.env.TUNIX_RT_E2E_SHOTS ??= join(ROOT, "e2e", "screenshots");
  mkdirSync(process.env.TUNIX_RT_E2E_SHOTS, { recursive: true });
  console.log(`e2e: tunix-rt at ${url}, screenshots in ${process.env.TUNIX_RT_E2E_SHOTS}`);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((done) => {
      if (server.exitCode !== null) done(null);
      else server.once("exit", done);
    });
    rmSync(home, { recursive: true, force: true });
  };
}
