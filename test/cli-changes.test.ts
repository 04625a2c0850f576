import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { connectUser, createTestApp, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The CLI is another process: on the embedded database its changes cannot reach the server over the
// in-process bus. They must still be in force for the very next request, not after a cache's expiry.
let server: TestServer;
let app: TestApp;
let sender: SwitchboardClient;
let receiver: Server;
const events: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      events.push(body);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  sender = await connectUser(server, app, "cora");
  await connectUser(server, app, "dino").then((client) => client.disconnect());
});
afterAll(async () => {
  sender?.disconnect();
  receiver?.close();
  await server?.close();
});

const send = (text: string) => sender.sendDirectMessage({ to: "dino", text });

describe("a change made with the CLI against a running server", () => {
  it("adds a webhook endpoint that gets the event of the next message", async () => {
    await send("before: the app's settings are cached now");
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    expect((await server.cli(["webhooks", "add", "--app", app.appKey, "--url", url, "--events", "message:send"])).code).toBe(0);
    const message = await send("right after");
    await vi.waitFor(() => expect(events.some((body) => body.includes(message.messageId))).toBe(true), { timeout: 10_000 });
  });

  it("changes a setting in force for the next send", async () => {
    await send("allowed while anyone may write to anyone");
    expect((await server.cli(["apps", "settings", "set", "--app", app.appKey, "directMessagesFriendsOnly=true"])).code).toBe(0);
    const refused = await send("refused at once").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChatCallError);
    expect((refused as ChatCallError).code).toBe(1021);
  });
});
