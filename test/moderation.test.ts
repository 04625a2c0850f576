import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
  for (const userId of ["nia", "oz", "pam"]) await issueToken(server, app, userId);
});
afterAll(() => server?.close());

const words = async (filterType?: string) => (await callApi(server, app, "/v4/profanity-word/list", filterType === undefined ? {} : { filterType })).body.result;
const muted = async (channelType: string, extra: Record<string, unknown> = {}) =>
  (await callApi(server, app, "/v4/channel-type/mute/list", { channelType, ...extra })).body.result;

describe("profanity words", () => {
  it("are stored with or without replacement, listed by filter type, and removed", async () => {
    const added = await callApi(server, app, "/v4/profanity-word/batch/add", { words: [{ word: "darn", replacement: "***" }, { word: "heck" }, { word: "blast" }] });
    expect(added).toEqual({ status: 200, body: { code: 0, result: { remainingQuota: 997 } } });
    expect(await words()).toEqual({ words: [{ word: "blast", replacement: "", filterType: "1" }, { word: "heck", replacement: "", filterType: "1" }] });
    expect(await words("0")).toEqual({ words: [{ word: "darn", replacement: "***", filterType: "0" }] });
    expect(((await words("2")) as { words: unknown[] }).words).toHaveLength(3);

    expect(await callApi(server, app, "/v4/profanity-word/remove", { word: "heck" })).toEqual(ok);
    expect(await callApi(server, app, "/v4/profanity-word/batch/remove", { words: ["blast", "darn"] })).toEqual(ok);
    expect(await words("2")).toEqual({ words: [] });
  });

  it.each([
    { path: "/v4/profanity-word/batch/add", body: { words: [] }, errorMessage: "words must hold 1 to 100 words" },
    { path: "/v4/profanity-word/batch/add", body: { words: [{ word: " " }] }, errorMessage: "word must be 1 to 32 characters" },
    { path: "/v4/profanity-word/list", body: { filterType: "9" }, errorMessage: 'filterType must be "0" (replaced words), "1" (blocked words) or "2" (all)' },
  ])("refuse $body at $path, changing nothing", async ({ path, body, errorMessage }) => {
    expect(await callApi(server, app, path, body)).toEqual({ status: 400, body: { code: 1002, errorMessage } });
    expect(await words("2")).toEqual({ words: [] });
  });
});

describe("the profanity filter mode", () => {
  it.each([
    { mode: "perWord", heck: { status: 422, code: 1024 }, darn: "oh *** it" },
    { mode: "block", heck: { status: 422, code: 1024 }, darn: { status: 422, code: 1024 } },
    { mode: "replace", heck: "oh **** it", darn: "oh *** it" },
    { mode: "off", heck: "oh heck it", darn: "oh darn it" },
  ] as const)("$mode: words with a replacement ('darn') and without ('heck')", async ({ mode, heck, darn }) => {
    const filtered = await createTestApp(server, `Filter ${mode}`);
    for (const userId of ["ann", "ben"]) await issueToken(server, filtered, userId);
    await callApi(server, filtered, "/v4/profanity-word/batch/add", { words: [{ word: "darn", replacement: "***" }, { word: "heck" }] });
    await setAppSettings(server, filtered, { profanityFilterMode: mode });
    const send = async (word: string) => {
      const answer = await callApi(server, filtered, "/v4/direct-channel/message/send", { fromUserId: "ann", toUserIds: ["ben"], messageType: "RC:TxtMsg", content: JSON.stringify({ content: `oh ${word} it` }) });
      if (answer.status !== 200) return { status: answer.status, code: answer.body.code };
      const { messageId } = (answer.body.result as { messageIds: { messageId: string }[] }).messageIds[0]!;
      const [stored] = await server.database.query<{ content: string }>(`SELECT "content" FROM "Message" WHERE "id" = $1`, [messageId]);
      return (JSON.parse(stored!.content) as { content: string }).content;
    };
    expect(await send("heck")).toEqual(heck);
    expect(await send("darn")).toEqual(darn);
  });
});

describe("channel-type mutes", () => {
  it("stop a user's direct messages until unmuted, and are listed per type", async () => {
    const nia = await connectUser(server, app, "nia");
    await connectUser(server, app, "oz");
    expect(await callApi(server, app, "/v4/channel-type/mute/set", { userIds: ["nia", "pam"], muteState: 1, channelTypes: ["PERSON", "GROUP"] })).toEqual(ok);
    expect(await nia.sendDirectMessage({ to: "oz", text: "hi" }).catch((error: { code: number; message: string }) => [error.code, error.message])).toEqual([
      1022,
      "You are muted in direct messages",
    ]);
    expect(await muted("PERSON")).toEqual({ totalCount: 2, mutedUserIds: ["nia", "pam"] });
    expect(await muted("PERSON", { pageSize: 1, offset: 1 })).toEqual({ totalCount: 2, mutedUserIds: ["pam"] });
    expect(await muted("CHATROOM")).toEqual({ totalCount: 0, mutedUserIds: [] });

    expect(await callApi(server, app, "/v4/channel-type/mute/set", { userIds: ["nia"], muteState: 0, channelTypes: ["PERSON"] })).toEqual(ok);
    expect((await nia.sendDirectMessage({ to: "oz", text: "hi" })).seq).toBeGreaterThan(0);
    expect(await muted("GROUP")).toEqual({ totalCount: 2, mutedUserIds: ["nia", "pam"] });
    nia.disconnect();
  });

  it.each([
    { body: { userIds: ["nia"], muteState: 2, channelTypes: ["PERSON"] }, status: 400, code: 1002, errorMessage: "muteState must be 0 (unmute) or 1 (mute)" },
    { body: { userIds: ["nia"], muteState: 1, channelTypes: ["SPACE"] }, status: 400, code: 1002, errorMessage: "channel type SPACE is not one of PERSON, GROUP, CHATROOM, ULTRAGROUP" },
    { body: { userIds: ["ghost"], muteState: 1, channelTypes: ["PERSON"] }, status: 404, code: 1010, errorMessage: "User ghost does not exist" },
  ])("refuse $errorMessage, changing nothing", async ({ body, status, code, errorMessage }) => {
    const before = await muted("PERSON");
    expect(await callApi(server, app, "/v4/channel-type/mute/set", body)).toEqual({ status, body: { code, errorMessage } });
    expect(await muted("PERSON")).toEqual(before);
  });
});
