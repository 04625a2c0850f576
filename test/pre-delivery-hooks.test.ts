import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppSettings } from "../lib/chat/base/apps/app-settings";
import { ChannelType, ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { recorder } from "./support/chat-clients";
import { signInToConsole } from "./support/console-session";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

type HookRequest = {
  query: Record<string, string>;
  signatureValid: boolean;
  body: { type: string; id: string; time: number; data: Record<string, unknown>[] };
};
type Answer = { status?: number; body?: unknown; delayMs?: number };

let server: TestServer;
const clients: SwitchboardClient[] = [];
const receivers: Server[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const receiver of receivers) receiver.closeAllConnections();
  await Promise.all(receivers.map((receiver) => new Promise((resolve) => receiver.close(resolve))));
  await server?.close();
});

/**
 * The app's hook on 127.0.0.1: checks each request's signature with the app's secret as a
 * receiver of the compatible service would, records it, and answers as `answer` says.
 */
async function startHookReceiver(app: TestApp, answer: (request: HookRequest) => Answer) {
  const requests: HookRequest[] = [];
  const receiver = createServer(async (incoming, response) => {
    const query = Object.fromEntries(new URL(incoming.url!, "http://hook").searchParams);
    const expected = createHash("sha1").update(app.appSecret + query.nonce + query.signTimestamp).digest("hex");
    const signatureValid = query.appKey === app.appKey && query.timestamp === query.signTimestamp && query.signature === expected;
    const request = { query, signatureValid, body: JSON.parse(await readBody(incoming)) as HookRequest["body"] };
    requests.push(request);
    const { status = 200, body = { pass: 1 }, delayMs = 0 } = answer(request);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  receivers.push(receiver);
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, requests };
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of incoming) text += chunk;
  return text;
}

/** A new app (settings are cached per app, so each case gets its own) with its hook receiver and settings. */
async function hookedApp(settings: Partial<AppSettings>, answer: (request: HookRequest) => Answer = () => ({})) {
  const app = await createTestApp(server, "Hooked app");
  const hook = await startHookReceiver(app, answer);
  await setAppSettings(server, app, { preMessagingHookUrl: hook.url, ...settings });
  return { app, hook };
}

async function connect(app: TestApp, userId: string) {
  const client = await connectUser(server, app, userId);
  clients.push(client);
  return client;
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

const storedWithContent = async (content: Record<string, unknown>) =>
  Number((await server.database.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "Message" WHERE "content" = $1`, [JSON.stringify(content)]))[0]!.count);

/** A hook URL on a port nothing listens on any more: connections are refused. */
async function refusingUrl() {
  const closed = createTcpServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return `http://127.0.0.1:${port}/hook`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the pre-delivery hook", () => {
  it("is asked with a signed envelope before a direct message is stored, and pass 1 delivers it", async () => {
    const { app, hook } = await hookedApp({});
    const ann = await connect(app, "ann");
    const ben = recorder(await connect(app, "ben"));

    const sent = await ann.sendDirectMessage({ to: "ben", text: "hello ben" });
    expect((await ben.waitForMessages(1)).map((message) => message.content)).toEqual([{ content: "hello ben" }]);
    expect(await storedWithContent({ content: "hello ben" })).toBe(1);

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request!.signatureValid).toBe(true);
    expect(request!.body).toEqual({ type: "direct_channel:pre_messaging", id: expect.any(String), time: expect.any(Number), data: [expect.any(Object)] });
    expect(request!.body.data[0]).toEqual({
      fromUserId: "ann",
      channelType: ChannelType.direct,
      channelId: "ben",
      messageType: "RC:TxtMsg",
      content: JSON.stringify({ content: "hello ben" }),
      messageId: sent.messageId,
      sentAt: expect.any(Number),
    });
  });

  it("refuses a group message it answers pass 0 for: the sender gets 1026 with the hook's extra, nothing is stored or delivered", async () => {
    const { app, hook } = await hookedApp({}, () => ({ body: { pass: 0, extra: "spam-score:97" } }));
    for (const userId of ["cat", "dov"]) await issueToken(server, app, userId);
    expect((await callApi(server, app, "/v4/group-channel/create", { channelId: "g1", name: "g1", owner: "cat", userIds: ["dov"] })).body).toEqual({ code: 0 });
    const cat = await connect(app, "cat");
    const dov = recorder(await connect(app, "dov"));

    expect(await callError(cat.sendGroupMessage({ groupId: "g1", text: "buy now", toUserIds: ["dov"] }))).toEqual({ code: 1026, message: "spam-score:97" });
    expect(await storedWithContent({ content: "buy now" })).toBe(0);
    await pause(300);
    expect(dov.messages.filter((message) => message.messageType === "RC:TxtMsg")).toEqual([]);
    // The group's creation notice comes from the app server: not hooked.
    expect(hook.requests.map((request) => request.body.type)).toEqual(["group_channel:pre_messaging"]);
    expect(hook.requests[0]!.body.data[0]).toMatchObject({ fromUserId: "cat", channelType: ChannelType.group, channelId: "g1", toUserIds: ["dov"] });
  });

  it("replaces the content when it answers with one: the recipient and the history get the replacement", async () => {
    const { app } = await hookedApp({}, () => ({ body: { pass: 1, content: JSON.stringify({ content: "d**n it" }) } }));
    const eli = await connect(app, "eli");
    const fay = recorder(await connect(app, "fay"));

    const sent = await eli.sendDirectMessage({ to: "fay", text: "darn it" });
    expect(sent.content).toEqual({ content: "d**n it" });
    expect((await fay.waitForMessages(1)).map((message) => message.content)).toEqual([{ content: "d**n it" }]);
    const now = Date.now() + 1000;
    const history = await callApi(server, app, "/v4/direct-channel/history-message/list", { userId: "fay", channelId: "eli", startAt: now, endAt: now - 60_000, includeStart: true });
    expect((history.body.result as { messages: { content: string }[] }).messages.map((message) => message.content)).toEqual([JSON.stringify({ content: "d**n it" })]);
    expect(await storedWithContent({ content: "darn it" })).toBe(0);
  });

  it("hooks open-channel messages, and pass 2 delivers them to the participants", async () => {
    const { app, hook } = await hookedApp({}, () => ({ body: { pass: 2 } }));
    expect((await callApi(server, app, "/v4/open-channel/create", { channelId: "stage" })).body).toEqual({ code: 0 });
    const gus = await connect(app, "gus");
    const hal = await connect(app, "hal");
    for (const client of [gus, hal]) await client.joinOpenChannel({ channelId: "stage" });
    const audience = recorder(hal);

    await gus.sendOpenChannelMessage({ channelId: "stage", text: "on stage" });
    expect((await audience.waitForMessages(1)).map((message) => message.content)).toEqual([{ content: "on stage" }]);
    expect(hook.requests.map((request) => request.body.type)).toEqual(["open_channel:pre_messaging"]);
    expect(hook.requests[0]!.body.data[0]).toMatchObject({ fromUserId: "gus", channelType: ChannelType.open, channelId: "stage" });
  });

  const slow = () => ({ delayMs: 1500 });

  it("blocks when it answers later than the timeout, without retrying", async () => {
    const blocking = await hookedApp({ preMessagingHookTimeoutMs: 300 }, slow);
    const ida = await connect(blocking.app, "ida");
    await issueToken(server, blocking.app, "jon");
    const started = Date.now();
    expect(await callError(ida.sendDirectMessage({ to: "jon", text: "too slow" }))).toEqual({
      code: 1026,
      message: "The app's message check could not be reached; the message was not sent",
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await storedWithContent({ content: "too slow" })).toBe(0);
    expect(blocking.hook.requests).toHaveLength(1);
  });

  it("delivers when it answers later than the timeout and the app chose to deliver then", async () => {
    const lenient = await hookedApp({ preMessagingHookTimeoutMs: 300, preMessagingHookOnFailure: "deliver" }, slow);
    const kim = await connect(lenient.app, "kim");
    const leo = recorder(await connect(lenient.app, "leo"));
    await kim.sendDirectMessage({ to: "leo", text: "slow but fine" });
    expect((await leo.waitForMessages(1)).map((message) => message.content)).toEqual([{ content: "slow but fine" }]);
    expect(await storedWithContent({ content: "slow but fine" })).toBe(1);
  });

  it("is tried three times on 5xx answers with the same envelope and new nonces, then the failure policy decides", async () => {
    let failures = 2;
    const { app, hook } = await hookedApp({}, () => (failures-- > 0 ? { status: 503, body: {} } : {}));
    const max = await connect(app, "max");
    await issueToken(server, app, "ned");
    await max.sendDirectMessage({ to: "ned", text: "third time lucky" });
    expect(hook.requests).toHaveLength(3);
    expect(new Set(hook.requests.map((request) => request.body.id)).size).toBe(1);
    expect(new Set(hook.requests.map((request) => request.query.nonce)).size).toBe(3);
    expect(hook.requests.every((request) => request.signatureValid)).toBe(true);

    failures = 3;
    expect(await callError(max.sendDirectMessage({ to: "ned", text: "never lucky" }))).toMatchObject({ code: 1026 });
    expect(hook.requests).toHaveLength(6);
    expect(await storedWithContent({ content: "never lucky" })).toBe(0);
  });

  it("is tried three times when connections break", async () => {
    let connections = 0;
    const breaking = createTcpServer((socket) => (connections++, socket.destroy()));
    await new Promise<void>((resolve) => breaking.listen(0, "127.0.0.1", resolve));
    const app = await createTestApp(server, "Broken hook");
    await setAppSettings(server, app, { preMessagingHookUrl: `http://127.0.0.1:${(breaking.address() as AddressInfo).port}/hook` });
    const oli = await connect(app, "oli");
    await issueToken(server, app, "pam");
    expect(await callError(oli.sendDirectMessage({ to: "pam", text: "reset" }))).toMatchObject({ code: 1026 });
    expect(connections).toBe(3);
    await new Promise((resolve) => breaking.close(resolve));
  });

  it("blocks when the hook is down", async () => {
    const down = await createTestApp(server, "Hook down");
    await setAppSettings(server, down, { preMessagingHookUrl: await refusingUrl() });
    const quin = await connect(down, "quin");
    await issueToken(server, down, "rex");
    expect(await callError(quin.sendDirectMessage({ to: "rex", text: "refused" }))).toMatchObject({ code: 1026 });
    expect(await storedWithContent({ content: "refused" })).toBe(0);
  });

  it("delivers when the hook is down and the app chose to deliver then", async () => {
    const lenient = await createTestApp(server, "Hook down, lenient");
    await setAppSettings(server, lenient, { preMessagingHookUrl: await refusingUrl(), preMessagingHookOnFailure: "deliver" });
    const sal = await connect(lenient, "sal");
    await issueToken(server, lenient, "tim");
    await sal.sendDirectMessage({ to: "tim", text: "delivered anyway" });
    expect(await storedWithContent({ content: "delivered anyway" })).toBe(1);
  });

  it("is asked only about the configured events, never about status messages or the app server's sends", async () => {
    const { app, hook } = await hookedApp({ preMessagingHookEvents: ["group_channel:pre_messaging"] });
    for (const userId of ["uma", "val"]) await issueToken(server, app, userId);
    await callApi(server, app, "/v4/group-channel/create", { channelId: "g2", name: "g2", owner: "uma", userIds: ["val"] });
    const uma = await connect(app, "uma");

    await uma.sendDirectMessage({ to: "val", text: "direct, not hooked" });
    await uma.sendTyping({ channelType: ChannelType.group, channelId: "g2" });
    await callApi(server, app, "/v4/group-channel/message/send", { fromUserId: "uma", toChannelIds: ["g2"], messageType: "RC:TxtMsg", content: JSON.stringify({ content: "from the server" }) });
    expect(hook.requests).toEqual([]);
    await uma.sendGroupMessage({ groupId: "g2", text: "hooked" });
    expect(hook.requests.map((request) => request.body.data[0]!.content)).toEqual([JSON.stringify({ content: "hooked" })]);
  });

  it("keeps other senders' messages moving while it takes its time over one", async () => {
    const { app } = await hookedApp({}, (request) => ({ delayMs: String(request.body.data[0]!.content).includes("slow") ? 1000 : 0 }));
    const wes = await connect(app, "wes");
    const xia = await connect(app, "xia");
    await issueToken(server, app, "yan");
    const finished: string[] = [];
    const slowSend = wes.sendDirectMessage({ to: "yan", text: "slow one" }).then(() => finished.push("slow"));
    await pause(100);
    await xia.sendDirectMessage({ to: "yan", text: "quick one" }).then(() => finished.push("quick"));
    await slowSend;
    expect(finished).toEqual(["quick", "slow"]);
  });

  it("takes only http(s) URLs and known events in the settings", async () => {
    const app = await createTestApp(server, "Settings");
    const console_ = await signInToConsole(server);
    const change = (settings: Record<string, unknown>) => console_.send("PATCH", `/api/console/apps/${app.appKey}/settings`, settings);
    const refused = (errorMessage: string) => ({ status: 400, body: { code: 1002, errorMessage } });
    expect(await change({ preMessagingHookUrl: "ftp://example.com/hook" })).toEqual(refused("preMessagingHookUrl must be an http(s) URL, or empty to turn the hook off"));
    expect(await change({ preMessagingHookEvents: ["message:send"] })).toEqual(
      refused('preMessagingHookEvents.0: Invalid option: expected one of "direct_channel:pre_messaging"|"group_channel:pre_messaging"|"open_channel:pre_messaging"|"community_channel:pre_messaging"'),
    );
    expect(await change({ preMessagingHookOnFailure: "maybe" })).toEqual(refused('preMessagingHookOnFailure: Invalid option: expected one of "block"|"deliver"'));
  });
});
