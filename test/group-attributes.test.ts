import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatCallError, type SwitchboardClient } from "@switchboard/sdk";
import { callApi, connectUser, createTestApp, issueToken, setAppSettings, type TestApp } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let app: TestApp;
const clients: SwitchboardClient[] = [];
const ok = { status: 200, body: { code: 0 } };

beforeAll(async () => {
  server = await startTestServer();
  app = await createTestApp(server);
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

async function connect(userId: string, inApp = app) {
  const client = await connectUser(server, inApp, userId);
  clients.push(client);
  return client;
}

async function callError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatCallError);
  return { code: (error as ChatCallError).code, message: (error as ChatCallError).message };
}

async function createGroup(inApp: TestApp, channelId: string) {
  for (const userId of ["own", "amy", "bob"]) await issueToken(server, inApp, userId);
  return callApi(server, inApp, "/v4/group-channel/create", { channelId, name: channelId, owner: "own", userIds: ["own", "amy", "bob"] });
}

describe("group attributes", () => {
  it("are set by the app server and by members, read by members only", async () => {
    const [own, amy] = [await connect("own"), await connect("amy")];
    const eve = await connect("eve");
    expect((await createGroup(app, "book-club")).status).toBe(200);
    expect(await callApi(server, app, "/v4/group-channel/attributes/set", { channelId: "book-club", attributes: { topic: "Dune", meets: "Mondays" } })).toEqual(ok);
    await amy.setGroupAttributes({ groupId: "book-club", attributes: { topic: "Hyperion" } });

    const read = await own.groupAttributes({ groupId: "book-club" });
    expect(read.attributes).toEqual({
      meets: { value: "Mondays", updatedBy: "", updatedAt: expect.any(Number) },
      topic: { value: "Hyperion", updatedBy: "amy", updatedAt: expect.any(Number) },
    });
    expect((await amy.groupAttributes({ groupId: "book-club", keys: ["meets"] })).attributes).toEqual({ meets: read.attributes.meets });
    expect(await callError(eve.groupAttributes({ groupId: "book-club" }))).toEqual({ code: 1023, message: "eve is not a member of group book-club" });
    expect(await callError(eve.setGroupAttributes({ groupId: "book-club", attributes: { topic: "mine" } }))).toMatchObject({ code: 1023 });

    await own.deleteGroupAttributes({ groupId: "book-club", keys: ["meets"] });
    const api = await callApi(server, app, "/v4/group-channel/attributes/get", { channelId: "book-club" });
    expect(api).toEqual({ status: 200, body: { code: 0, result: { attributes: { topic: { value: "Hyperion", updatedBy: "amy", updatedAt: expect.any(Number) } } } } });
  });

  it("are changed only by the owner and admins when the app says so", async () => {
    const strict = await createTestApp(server, "Strict attributes");
    await setAppSettings(server, strict, { groupAttributeWriters: "admins" });
    const [own, amy] = [await connect("own", strict), await connect("amy", strict)];
    await createGroup(strict, "team");
    expect(await callError(amy.setGroupAttributes({ groupId: "team", attributes: { topic: "x" } }))).toEqual({ code: 1009, message: "Only the owner and admins of group team change its attributes" });
    expect(await callError(amy.deleteGroupAttributes({ groupId: "team", keys: ["topic"] }))).toMatchObject({ code: 1009 });
    await own.setGroupAttributes({ groupId: "team", attributes: { topic: "launch" } });
    expect((await amy.groupAttributes({ groupId: "team" })).attributes.topic?.value).toBe("launch");
  });

  it.each([
    { body: { channelId: "limits", attributes: {} }, status: 400, code: 1002, errorMessage: "attributes must hold at least one key" },
    { body: { channelId: "limits", attributes: { "no spaces": "x" } }, status: 400, code: 1002, errorMessage: "attribute keys are 1 to 128 letters, digits and _ + = - ." },
    { body: { channelId: "limits", attributes: { long: "x".repeat(4097) } }, status: 400, code: 1002, errorMessage: "attribute values are strings of at most 4096 characters" },
    { body: { channelId: "limits", attributes: Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`k${index}`, "v"])) }, status: 422, code: 1012, errorMessage: "A group holds at most 100 attributes" },
    { body: { channelId: "nowhere", attributes: { topic: "x" } }, status: 404, code: 1010, errorMessage: "Group nowhere does not exist" },
  ])("refuse $errorMessage, changing nothing", async ({ body, status, code, errorMessage }) => {
    if ((await callApi(server, app, "/v4/group-channel/attributes/get", { channelId: "limits" })).status === 404) await createGroup(app, "limits");
    expect(await callApi(server, app, "/v4/group-channel/attributes/set", body)).toEqual({ status, body: { code, errorMessage } });
    expect(await callApi(server, app, "/v4/group-channel/attributes/get", { channelId: "limits" })).toEqual({ status: 200, body: { code: 0, result: { attributes: {} } } });
  });
});
