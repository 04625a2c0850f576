import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** The baseline relay (bench/baseline/ws-relay.ts) in its own process, as Switchboard runs in its own. */
export async function startRelay(): Promise<{ url: string; process: ChildProcess; stop(): void }> {
  const relay = spawn(path.resolve("node_modules/.bin/tsx"), ["bench/baseline/ws-relay.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => relay.stdout.once("data", (chunk) => resolve(Number(/(\d+)/.exec(String(chunk))![1]))));
  return { url: `ws://127.0.0.1:${port}`, process: relay, stop: () => relay.kill() };
}
