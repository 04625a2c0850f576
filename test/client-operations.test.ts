import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelType, ChatCallError, SwitchboardClient } from "@switchboard/sdk";
import { recorder, waitUntil } from "./support/chat-clients";
import { type FaultProxy, startFaultProxy } from "./support/fault-proxy";
import { callApi, connectUser, createTestApp, issueToken, operationSigner, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let proxy: FaultProxy;
const clients: SwitchboardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy(Number(new URL(server.url).port));
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await proxy?.close();
  await server?.close();
});

async function connect(app: TestApp, userId: string, options: Parameters<typeof connectUser>[3] = {}) {
  const client = await connectUser(server, app, userId, options);
  clients.push(client);
  return client;
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

describe("client limits per minute", () => {
  it("refuse history queries beyond the app's limit, per device", async () => {
    const app = await createTestApp(server, "History limit");
    await setAppSettings(server, app, { clientHistoryQueriesPerMinute: 3 });
    await issueToken(server, app, "bob");
    const web = await connect(app, "amy", { platform: "web" });
    await web.sendDirectMessage({ to: "bob", text: "hi" });
    const history = () => web.history({ channelType: ChannelType.direct, channelId: "bob" });
    for (let query = 0; query < 3; query++) expect((await history()).messages).toHaveLength(1);
    expect(await callError(history())).toEqual({ code: 1028, message: "A client may query history at most 3 times a minute" });
    // Another device of the same user has its own count.
    const mobile = await connect(app, "amy", { platform: "mobile" });
    expect((await mobile.history({ channelType: ChannelType.direct, channelId: "bob" })).messages).toHaveLength(1);
  });

  it("refuse joins and leaves beyond the app's limit, and logins too", async () => {
    const app = await createTestApp(server, "Membership limit");
    await setAppSettings(server, app, { clientMembershipOperationsPerMinute: 4 });
    await callApi(server, app, "/v4/open-channel/create", { channelId: "lobby" });
    // The login is the first of the four.
    const cal = await connect(app, "cal");
    await cal.joinOpenChannel({ channelId: "lobby" });
    await cal.leaveOpenChannel("lobby");
    await cal.joinOpenChannel({ channelId: "lobby" });
    expect(await callError(cal.leaveOpenChannel("lobby"))).toEqual({ code: 1028, message: "A client may join, leave, log in or log out at most 4 times a minute" });
    expect(await callError(cal.joinOpenChannel({ channelId: "lobby" }))).toMatchObject({ code: 1028 });

    // A further login of that device is refused as temporary: the client tries again later.
    const again = new SwitchboardClient({ url: server.wsUrl, token: await issueToken(server, app, "cal"), websocket: WebSocket });
    clients.push(again);
    const refusal = new Promise<{ code: number; temporary?: boolean }>((resolve) => again.centrifuge.on("error", (context) => resolve(context.error as { code: number; temporary?: boolean })));
    again.centrifuge.connect();
    expect(await refusal).toMatchObject({ code: 1028, temporary: true });
    expect(again.centrifuge.state).not.toBe("connected");
  });
});

describe("operation signatures", () => {
  it("let only operations signed by the app's server through, when the app requires them", async () => {
    const app = await createTestApp(server, "Signed operations");
    await setAppSettings(server, app, { operationSignatures: ["join", "history"] });
    await callApi(server, app, "/v4/open-channel/create", { channelId: "stage" });
    await issueToken(server, app, "bob");
    const unsigned = await connect(app, "amy");
    expect(await callError(unsigned.joinOpenChannel({ channelId: "stage" }))).toEqual({
      code: 1027,
      message: 'This app requires its server\'s signature for "join": pass signature {timestamp, value} (hex HMAC-SHA256)',
    });
    expect(await callError(unsigned.history({ channelType: ChannelType.direct, channelId: "bob" }))).toMatchObject({ code: 1027 });
    // Sending is not an operation the app asked to sign.
    expect((await unsigned.sendDirectMessage({ to: "bob", text: "hi" })).seq).toBe(1);

    const signed = await connect(app, "amy", { platform: "mobile", signOperation: operationSigner(app, "amy") });
    expect((await signed.joinOpenChannel({ channelId: "stage" })).messages).toEqual([]);
    expect((await signed.history({ channelType: ChannelType.direct, channelId: "bob" })).messages.map((message) => message.content)).toEqual([{ content: "hi" }]);

    // Signed for someone else, with another secret, or too long ago: refused.
    for (const signOperation of [operationSigner(app, "eve"), operationSigner(app, "amy", "not-the-secret")]) {
      const forged = await connect(app, "amy", { platform: "desktop", signOperation });
      expect(await callError(forged.joinOpenChannel({ channelId: "stage" }))).toEqual({
        code: 1027,
        message: expect.stringMatching(/^The operation signature does not match: expected hex HMAC-SHA256, keyed with the App Secret, of "join\\namy\\nstage\\n\d+"$/),
      });
      forged.disconnect();
    }
    const stale = await connect(app, "amy", {
      platform: "desktop",
      signOperation: async (operation) => ({ ...(await operationSigner(app, "amy")(operation)), timestamp: Date.now() - 6 * 60_000 }),
    });
    expect(await callError(stale.joinOpenChannel({ channelId: "stage" }))).toEqual({ code: 1027, message: "The operation signature's timestamp is more than 5 minutes away from the server's time" });
  });
});

describe("will messages", () => {
  it("are sent when the connection is lost, not after a clean disconnect or when cleared", async () => {
    const app = await createTestApp(server, "Wills");
    const bob = await connect(app, "bob");
    const bobEvents = recorder(bob);
    const amy = new SwitchboardClient({ url: proxy.wsUrl, token: await issueToken(server, app, "amy"), websocket: WebSocket });
    clients.push(amy);
    await amy.connect();
    await amy.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "amy dropped off" } });
    expect(await callError(amy.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: "no object" as never }))).toMatchObject({ code: 1002 });

    // Cut at the network, as a lost connection is; the SDK reconnects.
    const loseConnection = async () => {
      const reconnected = new Promise((resolve) => amy.centrifuge.once("connected", resolve));
      expect(proxy.dropRandom(1)).toBe(1);
      await reconnected;
    };
    await loseConnection();
    expect(await waitUntil(() => bobEvents.texts().includes("amy dropped off"))).toBe(true);
    // The SDK registers it again right after reconnecting: a second loss sends it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await loseConnection();
    expect(await waitUntil(() => bobEvents.texts().length === 2)).toBe(true);

    await amy.clearWillMessage();
    await loseConnection();
    await amy.setWillMessage({ channelType: ChannelType.direct, channelId: "bob", content: { content: "not on a clean disconnect" } });
    amy.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bobEvents.texts()).toEqual(["amy dropped off", "amy dropped off"]);
  });
});
