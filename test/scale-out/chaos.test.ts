import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChaosWorld, createChaosWorld, problemsFound, runChaos, settleAndCheck } from "../support/chaos";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy";
import { type LoadBalancer, startLoadBalancer } from "../support/nginx";
import { createTestApp, setAppSettings } from "../support/platform-api";
import { startTestServer, type TestServer } from "../support/test-server";

// Two nodes on one PostgreSQL database and Redis behind nginx; clients reach nginx through
// the fault proxy. Each node is killed with SIGKILL in turn and started again on its port.
let database: TestDatabase;
const nodes: TestServer[] = [];
let balancer: LoadBalancer;
let proxy: FaultProxy;
let world: ChaosWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  for (let count = 0; count < 2; count++) nodes.push(await startTestServer({ database }));
  balancer = await startLoadBalancer(nodes.map((node) => node.url));
  const app = await createTestApp(nodes[0]!, "Chaos", "production");
  await setAppSettings(nodes[0]!, app, { clientMessagesPerSecond: 1000 });
  proxy = await startFaultProxy(Number(new URL(balancer.url).port));
  world = await createChaosWorld({ server: nodes[0]!, app, wsUrl: proxy.wsUrl, userCount: 6 });
});
afterAll(async () => {
  for (const device of world?.devices ?? []) device.client.disconnect();
  await proxy?.close();
  await balancer?.close();
  for (const node of nodes) await node.close();
  await database?.drop();
});

/** kill -9 of one node, then a new process on the same database and port. */
async function killAndRestart(index: number) {
  const node = nodes[index]!;
  const exited = new Promise((resolve) => node.process.once("exit", resolve));
  node.process.kill("SIGKILL");
  await exited;
  // Down for a while, so that nginx moves every client to the survivor.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  nodes[index] = await startTestServer({ database, env: { PORT: new URL(node.url).port } });
}

describe("chaos on two nodes (PostgreSQL + Redis)", () => {
  // 20 s of faults and two restarts, then settling and the check: past the default minute when other suites share the 2-core machine.
  it("delivers every acknowledged message to every member device exactly once, gap-free, while each node is killed in turn", async () => {
    const faults = await runChaos({ world, proxy, durationMs: 20_000, kills: [{ atMs: 5_000, run: () => killAndRestart(1) }, { atMs: 12_000, run: () => killAndRestart(0) }] });
    const report = await settleAndCheck({ world, database });
    console.log("chaos, two nodes:", JSON.stringify({ ...faults, ...report.figures }));

    expect(faults.serverKills).toBe(2);
    expect(report.figures.acknowledged).toBeGreaterThan(200);
    expect(problemsFound(report)).toEqual([]);
  }, 150_000);
});
