import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * plansync as its own process, started the way `npm start` starts it (`node dist/src/server.js`),
 * talking to the simulator over loopback HTTP as a GitHub Enterprise host, receiving signed
 * webhooks. Everything listens on 127.0.0.1; every wait is bounded in time.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SERVER = join(ROOT, "dist", "src", "server.js");
export const HOST = "127.0.0.1";
const POLL_MS = 100;
/** Output kept for the error-level check, and the tail shown in failure messages. */
const LOG_KEEP = 4 * 1024 * 1024;
const LOG_SHOWN = 32 * 1024;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface AppProcessOptions {
  name: string;
  secret: string;
  privateKey: string;
  simPort: number;
  /** Extra environment (REDIS_URL, WRITE_BACK_DELAY_MS, ...). */
  env?: Record<string, string>;
}

/** Every process started, so a test runner that exits early still kills them. */
const living = new Set<AppProcess>();
process.once("exit", () => {
  for (const app of living) app.child?.kill("SIGKILL");
});

export class AppProcess {
  child?: ChildProcess;
  exited?: { code: number | null; signal: NodeJS.Signals | null };
  port = 0;
  output = "";
  private cwd?: string;

  constructor(private readonly options: AppProcessOptions) {}

  async start(startupMs = 15_000): Promise<number> {
    // PLANSYNC_E2E_SERVER runs a build made elsewhere (`tsc -p tsconfig.build.json --outDir .tmp/x`),
    // so that one run does not rebuild dist/ under another's running processes.
    const server = process.env.PLANSYNC_E2E_SERVER || SERVER;
    if (!existsSync(server)) {
      throw new Error(`${server} is missing: run \`npm run build\` first (\`npm test\` builds before running vitest).`);
    }
    this.port = await freePort();
    // An empty working directory: Probot loads `.env` from the cwd over the environment, and a
    // developer's .env (real credentials, WEBHOOK_PROXY_URL) must not leak into the test.
    this.cwd = mkdtempSync(join(tmpdir(), "plansync-e2e-"));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? this.cwd,
      APP_ID: "1",
      PRIVATE_KEY: this.options.privateKey,
      WEBHOOK_SECRET: this.options.secret,
      PORT: String(this.port),
      HOST,
      GHE_HOST: `${HOST}:${this.options.simPort}`,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      NODE_ENV: "test",
      ...this.options.env,
    };
    this.exited = undefined;
    const child = spawn(process.execPath, [server], { cwd: this.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    living.add(this);
    child.stdout!.on("data", (chunk: Buffer) => this.capture(chunk));
    child.stderr!.on("data", (chunk: Buffer) => this.capture(chunk));
    child.once("exit", (code, signal) => {
      this.exited = { code, signal };
      living.delete(this);
    });
    child.once("error", (error) => this.capture(Buffer.from(`[spawn error] ${String(error)}\n`)));
    const started = Date.now();
    const status = await this.waitFor("the app to answer GET /ping", startupMs, async () => {
      try {
        const response = await fetch(`http://${HOST}:${this.port}/ping`, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return undefined;
      }
    });
    if (status !== 200) throw new Error(`GET /ping answered ${status}\n${this.logs()}`);
    return Date.now() - started;
  }

  logs(): string {
    const status = this.exited ? `\n[app exited: code ${this.exited.code}, signal ${this.exited.signal}]` : "";
    return `--- ${this.options.name} output (last ${LOG_SHOWN / 1024} KB) ---\n${this.output.slice(-LOG_SHOWN)}${status}`;
  }

  /** Probot's JSON log lines at level error (50) or above, except the expected bad-signature rejection. */
  errors(): string[] {
    return this.jsonLines()
      .filter((line) => (line.level as number) >= 50)
      .filter((line) => !String(line.msg).includes("signature does not match"))
      .map((line) => JSON.stringify(line));
  }

  jsonLines(): Record<string, unknown>[] {
    return this.output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  /** Polls until `check` returns a value, the app dies, or `ms` pass; then fails with the app's output. */
  async waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
    const deadline = Date.now() + ms;
    for (let attempt = 0; attempt < Math.ceil(ms / POLL_MS) + 1; attempt++) {
      if (this.exited) break;
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() >= deadline) break;
      await sleep(POLL_MS);
    }
    const reason = this.exited ? "the app process exited" : `${ms} ms passed`;
    throw new Error(`Gave up waiting for ${what}: ${reason}\n${this.logs()}`);
  }

  sign(body: string, key = this.options.secret): string {
    return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
  }

  async deliver(event: string, payload: unknown, options: { signature?: string; id?: string } = {}) {
    const body = JSON.stringify(payload);
    const response = await fetch(`http://${HOST}:${this.port}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "x-github-event": event,
        "x-github-delivery": options.id ?? randomUUID(),
        "content-type": "application/json",
        "x-hub-signature-256": options.signature ?? this.sign(body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, text: await response.text() };
  }

  async get(path: string) {
    const response = await fetch(`http://${HOST}:${this.port}${path}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, text: await response.text() };
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `ms`). */
  async stop(signal: NodeJS.Signals = "SIGTERM", ms = 5_000): Promise<void> {
    const proc = this.child;
    if (!proc || this.exited) return this.cleanUp();
    const gone = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    const stopped = await Promise.race([gone.then(() => true), sleep(ms).then(() => false)]);
    if (!stopped && !this.exited) {
      proc.kill("SIGKILL");
      await Promise.race([gone, sleep(2_000)]);
    }
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.cwd) rmSync(this.cwd, { recursive: true, force: true });
    this.cwd = undefined;
  }

  private capture(chunk: Buffer): void {
    this.output += chunk.toString("utf8");
    if (this.output.length > LOG_KEEP) this.output = this.output.slice(-LOG_KEEP);
  }
}
