// Starts a throwaway PostgreSQL cluster and a real `tunix-rt serve --demo` on it (a temp
// TUNIX_RT_HOME, a free port) with the built UI, for the specs; returns the teardown that stops
// the server, then the cluster (which deletes its folder), and removes the home.
import { type ChildProcess, spawn } from "node:child_process";
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

// tests/postgres_cluster.py (what the Python tests use): initdb + pg_ctl in a temp folder on a free
// port, durability off, as the `postgres` user when root. It prints the URL, then holds the cluster
// until its stdin closes or it gets SIGTERM, and stops and deletes it on the way out.
const CLUSTER = `
import signal, sys
from tests.postgres_cluster import throwaway_cluster
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
with throwaway_cluster() as url:
    print(url, flush=True)
    sys.stdin.read()
`;

interface Cluster {
  url: string;
  stop: () => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
}

async function startPostgres(python: string): Promise<Cluster> {
  const child = spawn(python, ["-c", CLUSTER], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  const stop = async () => {
    child.stdin.end();
    await exited(child);
  };
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string | null>((done) => {
    const timer = setTimeout(() => done(null), 60_000);
    const finish = (value: string | null) => {
      clearTimeout(timer);
      done(value);
    };
    let line = "";
    child.stdout.on("data", (chunk: Buffer) => {
      line += chunk.toString();
      if (line.includes("\n")) finish(line.trim());
    });
    child.once("exit", () => finish(null));
  });
  if (!url?.startsWith("postgresql")) {
    await stop();
    throw new Error(`could not start a throwaway PostgreSQL (tests/postgres_cluster.py):\n${output}`);
  }
  return { url, stop };
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

  const postgres = await startPostgres(join(ROOT, ".venv/bin/python"));
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), "tunix-rt-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, TUNIX_RT_HOME: home, TUNIX_RT_DEMO_TRACES: "120" };
  for (const name of ["TUNIX_RT_API_TOKENS", "TUNIX_RT_HOST", "TUNIX_RT_PORT"]) delete env[name];
  env.TUNIX_RT_DATABASE_URL = postgres.url;
  const server = spawn(cli, ["serve", "--demo", "--port", String(port), "--log-level", "warning"], {
    cwd: home,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const teardown = async () => {
    server.kill("SIGTERM");
    await exited(server);
    await postgres.stop();
    rmSync(home, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    let failure: string | null = null;
    if (server.exitCode !== null) failure = `tunix-rt serve exited with ${server.exitCode}`;
    else if (Date.now() > deadline) failure = "tunix-rt serve did not become healthy in 60 s";
    if (failure) {
      await teardown();
      throw new Error(`${failure}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }

  process.env.TUNIX_RT_E2E_URL = url;
  // For specs that seed data the API has no route for (scale.spec.ts: 500 runs' metrics).
  process.env.TUNIX_RT_E2E_DATABASE_URL = postgres.url;
  // Screenshots of every page, on every run, in e2e/screenshots/ (git-ignored) unless told elsewhere.
  process.env.TUNIX_RT_E2E_SHOTS ??= join(ROOT, "e2e", "screenshots");
  mkdirSync(process.env.TUNIX_RT_E2E_SHOTS, { recursive: true });
  console.log(`e2e: tunix-rt at ${url} on ${postgres.url}, screenshots in ${process.env.TUNIX_RT_E2E_SHOTS}`);
  return teardown;
}
