import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChaosWorld, createChaosWorld, problemsFound, runChaos, settleAndCheck } from "./support/chaos";
import { type FaultProxy, startFaultProxy } from "./support/fault-proxy";
import { createTestApp, setAppSettings } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// One node on the embedded SQLite file, killed with SIGKILL and started again on the same
// file and port; the two-node variant on PostgreSQL + Redis is in test/scale-out/chaos.test.ts.
const embedded = process.env.SWITCHBOARD_TEST_DATABASE === "sqlite";

let first: TestServer;
let current: TestServer;
let proxy: FaultProxy;
let world: ChaosWorld;

beforeAll(async () => {
  if (!embedded) return;
  first = current = await startTestServer();
  const app = await createTestApp(first, "Chaos");
  await setAppSettings(first, app, { clientMessagesPerSecond: 1000 });
  proxy = await startFaultProxy(Number(new URL(first.url).port));
  world = await createChaosWorld({ server: first, app, wsUrl: proxy.wsUrl, userCount: 6 });
});
afterAll(async () => {
  for (const device of world?.devices ?? []) device.client.disconnect();
  await proxy?.close();
  await current?.stop();
  await first?.close();
});

/** kill -9, then a new process on the same database and port. */
async function killAndRestart() {
  const port = new URL(current.url).port;
  const exited = new Promise((resolve) => current.process.once("exit", resolve));
  current.process.kill("SIGKILL");
  await exited;
  current = await startTestServer({ database: first.database, env: { PORT: port } });
}

describe.runIf(embedded)("chaos on one node (SQLite)", () => {
  // 20 s of faults and two restarts, then settling and the check: past the default minute when other suites share the 2-core machine.
  it("delivers every acknowledged message to every member device exactly once, gap-free, through drops, delays and kill -9", async () => {
    const faults = await runChaos({ world, proxy, durationMs: 20_000, kills: [{ atMs: 6_000, run: killAndRestart }, { atMs: 13_000, run: killAndRestart }] });
    const report = await settleAndCheck({ world, database: first.database });
    console.log("chaos, one node:", JSON.stringify({ ...faults, ...report.figures }));

    expect(faults.serverKills).toBe(2);
    expect(report.figures.acknowledged).toBeGreaterThan(200);
    expect(problemsFound(report)).toEqual([]);
  }, 150_000);
});
