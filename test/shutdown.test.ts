import { Centrifuge } from "centrifuge";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { createTestApp, issueToken } from "./support/platform-api";
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
});
