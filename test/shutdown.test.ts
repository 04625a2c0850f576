import { readFileSync } from "node:fs";
import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { connectUser, createTestApp, issueToken, setAppSettings } from "./support/platform-api";
import { startTestServer } from "./support/test-server";

describe("graceful shutdown", () => {
  it("tells connected clients to reconnect (3001) and exits 0 on SIGTERM", async () => {
    const server = await startTestServer();
    try {
      const app = await createTestApp(server);
      const client = new Centrifuge(server.wsUrl, { token: await issueToken(server, app, "sam"), websocket: WebSocket, minReconnectDelay: 60_000 });
      client.connect();
      await client.ready();
      const reconnecting = new Promise<number>((resolve) => client.on("connecting", (context) => resolve(context.code)));
      expect(await server.stop()).toBe(0);
      expect(await reconnecting).toBe(3001);
      client.disconnect();
    } finally {
      await server.close();
    }
  });

  it("stays idle when the process reading its output dies (no EPIPE logging loop)", async () => {
    const server = await startTestServer();
    try {
      // The test runner is the reader: closing its ends makes every later write of the server fail.
      server.process.stdout!.destroy();
      server.process.stderr!.destroy();
      const app = await createTestApp(server);
      // A hook nobody answers: each message makes the server log a warning.
      await setAppSettings(server, app, { preMessagingHookUrl: "http://127.0.0.1:1/hook", preMessagingHookOnFailure: "deliver" });
      const pia = await connectUser(server, app, "pia");
      await pia.sendDirectMessage({ to: "pia", text: "logged" });
      pia.disconnect();
      const cpuTicks = () => readFileSync(`/proc/${server.process.pid}/stat`, "utf8").split(" ").slice(13, 15).map(Number).reduce((a, b) => a + b);
      const before = cpuTicks();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // 100 ticks a second is a whole core; the loop this guards against took all of it.
      expect(cpuTicks() - before).toBeLessThan(100);
    } finally {
      await server.close();
    }
  });
});
