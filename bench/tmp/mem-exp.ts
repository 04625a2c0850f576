import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { startTestServer } from "../../test/support/test-server";
import { createBenchApp } from "../lib/bench-app";
const count = Number(process.env.N ?? 5000);
const server = await startTestServer();
const ids = Array.from({ length: count }, (_, i) => `u${i}`);
const { app, tokenKey } = await createBenchApp(server, ids);
const pid = server.process.pid!;
function smaps(label: string) {
  const text = readFileSync(`/proc/${pid}/smaps`, "utf8");
  const maps: { head: string; size: number; rss: number }[] = [];
  let cur: any = null;
  for (const line of text.split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) { cur = { head: line, size: 0, rss: 0 }; maps.push(cur); }
    else if (line.startsWith("Rss:")) cur.rss = Number(line.split(/\s+/)[1]);
    else if (line.startsWith("Size:")) cur.size = Number(line.split(/\s+/)[1]);
  }
  const big = maps.filter((m) => m.rss > 4096).sort((a, b) => b.rss - a.rss).slice(0, 12);
  const total = maps.reduce((s, m) => s + m.rss, 0);
  const small = maps.filter((m) => m.size <= 1024 * 1024 && !m.head.includes("/")).reduce((s, m) => s + m.rss, 0);
  console.log(label, "rss KiB", total, "anon<=1MiB maps", small);
  for (const m of big) console.log("  ", m.rss, m.size, m.head.slice(0, 110));
}
await new Promise((r) => setTimeout(r, 3000));
smaps("zero");
const gen = spawn(process.execPath, ["--import", "tsx", "bench/lib/idle-clients.ts"], { env: { ...process.env, BENCH_URL: server.wsUrl, BENCH_APP_KEY: app.appKey, BENCH_TOKEN_KEY: tokenKey, BENCH_PREFIX: "u", BENCH_FROM: "0", BENCH_COUNT: String(count) }, stdio: ["ignore", "pipe", "inherit"] });
await new Promise<void>((res) => gen.stdout!.on("data", (c) => String(c).includes("connected") && res()));
await new Promise((r) => setTimeout(r, 5000));
smaps("all");
for (const wait of [10, 20, 30, 60]) { await new Promise((r) => setTimeout(r, wait * 1000 / 2)); const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]); console.log("rss", rss); }
if (process.env.GC) { process.kill(pid, "SIGUSR2"); await new Promise((r) => setTimeout(r, 15000)); smaps("after snapshot gc"); }
gen.kill();
await server.close();
process.exit(0);
