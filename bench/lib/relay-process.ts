import { type ChildProcess, spawn } from "node:child_process";

/** The baseline relay (bench/baseline/ws-relay.ts) in its own process, as Switchboard runs in its own. */
export async function startRelay(): Promise<{ url: string; process: ChildProcess; stop(): void }> {
  // Node itself with tsx's loader: the pid is the relay's own (for its memory) and kill reaches it.
  const relay = spawn(process.execPath, ["--import", "tsx", "bench/baseline/ws-relay.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => relay.stdout.once("data", (chunk) => resolve(Number(/(\d+)/.exec(String(chunk))![1]))));
  return { url: `ws://127.0.0.1:${port}`, process: relay, stop: () => relay.kill() };
}
