import { afterAll, describe, expect, it } from "vitest";
import { callApi, createTestApp, type TestApp } from "./support/platform-api";
import { startTestServer, testEncryptionKey, type TestServer } from "./support/test-server";

const started: TestServer[] = [];
afterAll(async () => {
  for (const server of started.reverse()) await server.close();
});

async function start(env: Record<string, string | undefined> = {}) {
  const server = await startTestServer({ env });
  started.push(server);
  return server;
}

/** The App row's secret columns as stored. */
async function storedSecrets(server: TestServer, app: TestApp) {
  const [row] = await server.database.query(`SELECT "secret", "tokenKey" FROM "App" WHERE "key" = $1`, [app.appKey]);
  return row as { secret: string; tokenKey: string };
}

const issue = (server: TestServer, app: TestApp) => callApi(server, app, "/v4/auth/access-token/issue", { userId: "sam", name: "Sam" });

describe("app secrets at rest", () => {
  it("are stored sealed with SWITCHBOARD_ENCRYPTION_KEY, and sign as before", async () => {
    const server = await start();
    const app = await createTestApp(server);
    const stored = await storedSecrets(server, app);
    expect(stored.secret).toMatch(/^sealed:v1:/);
    expect(stored.tokenKey).toMatch(/^sealed:v1:/);
    expect(JSON.stringify(stored)).not.toContain(app.appSecret);
    expect((await issue(server, app)).status).toBe(200);
  });

  it("of apps stored before the key was set are sealed at the next start; without the key, or with another, the server refuses to start", async () => {
    const unsealed = await start({ SWITCHBOARD_ENCRYPTION_KEY: undefined });
    const app = await createTestApp(unsealed);
    expect((await storedSecrets(unsealed, app)).secret).toBe(app.appSecret);
    await unsealed.stop();

    const sameDatabase = { DATABASE_URL: unsealed.database.url };
    const sealing = await start(sameDatabase);
    expect((await storedSecrets(unsealed, app)).secret).toMatch(/^sealed:v1:/);
    expect((await issue(sealing, app)).status).toBe(200);
    await sealing.stop();

    await expect(startTestServer({ env: { ...sameDatabase, SWITCHBOARD_ENCRYPTION_KEY: undefined } })).rejects.toThrow(
      /sealed with SWITCHBOARD_ENCRYPTION_KEY: start Switchboard with that key/,
    );
    await expect(startTestServer({ env: { ...sameDatabase, SWITCHBOARD_ENCRYPTION_KEY: "0bad".repeat(16) } })).rejects.toThrow(/is not the one it was sealed with/);
  });

  it("include the push keys in app settings: stored sealed, used as set, and sealed at the next start when stored before the key", async () => {
    const apnsKey = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQgapnskey\n-----END PRIVATE KEY-----";
    const fcmAccount = JSON.stringify({ project_id: "p", client_email: "push@p.iam.gserviceaccount.com", private_key: "-----BEGIN PRIVATE KEY-----\nfcmkey\n-----END PRIVATE KEY-----" });
    const setKeys = (server: TestServer, app: TestApp) => server.cli(["apps", "settings", "set", "--app", app.appKey, `pushApnsPrivateKey=${apnsKey}`, `pushFcmServiceAccount=${fcmAccount}`]);
    const storedSettings = async (server: TestServer, app: TestApp) =>
      JSON.parse(((await server.database.query(`SELECT "settings" FROM "App" WHERE "key" = $1`, [app.appKey]))[0] as { settings: string }).settings) as Record<string, string>;
    const readBack = async (server: TestServer, app: TestApp) => JSON.parse((await server.cli(["apps", "settings", "get", "--app", app.appKey, "--json"])).stdout) as Record<string, string>;

    const server = await start();
    const app = await createTestApp(server);
    expect((await setKeys(server, app)).code).toBe(0);
    const stored = await storedSettings(server, app);
    expect(stored.pushApnsPrivateKey).toMatch(/^sealed:v1:/);
    expect(stored.pushFcmServiceAccount).toMatch(/^sealed:v1:/);
    expect(JSON.stringify(stored)).not.toMatch(/apnskey|fcmkey/);
    expect(await readBack(server, app)).toMatchObject({ pushApnsPrivateKey: apnsKey, pushFcmServiceAccount: fcmAccount });

    const unsealed = await start({ SWITCHBOARD_ENCRYPTION_KEY: undefined });
    const older = await createTestApp(unsealed);
    expect((await unsealed.cli(["apps", "settings", "set", "--app", older.appKey, `pushApnsPrivateKey=${apnsKey}`])).code).toBe(0);
    expect((await storedSettings(unsealed, older)).pushApnsPrivateKey).toBe(apnsKey);
    await unsealed.stop();
    const sealing = await start({ DATABASE_URL: unsealed.database.url });
    expect((await storedSettings(unsealed, older)).pushApnsPrivateKey).toMatch(/^sealed:v1:/);
    expect((await readBack(sealing, older)).pushApnsPrivateKey).toBe(apnsKey);
  });

  it("move to a new key with secrets rotate-key while the server serves signed calls, and then open without the old one", async () => {
    const oldKey = testEncryptionKey;
    const newKey = "7e57".repeat(16);
    const first = await start();
    const app = await createTestApp(first);
    const apnsKey = "-----BEGIN PRIVATE KEY-----\nrotatedapnskey\n-----END PRIVATE KEY-----";
    expect((await first.cli(["apps", "settings", "set", "--app", app.appKey, `pushApnsPrivateKey=${apnsKey}`])).code).toBe(0);
    await first.stop();

    // Every node gets the new key, and the old one to open what it sealed; then the rotation runs.
    const rotating = { DATABASE_URL: first.database.url, SWITCHBOARD_ENCRYPTION_KEY: newKey, SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY: oldKey };
    const server = await start(rotating);
    expect(await server.cli(["secrets", "rotate-key"], { SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY: undefined })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY to the one it replaces"),
    });
    let calling = true;
    const statuses: number[] = [];
    const callers = Array.from({ length: 4 }, async () => {
      while (calling) statuses.push((await issue(server, app)).status);
    });
    const rotation = await server.cli(["secrets", "rotate-key", "--json"], rotating);
    calling = false;
    await Promise.all(callers);
    expect(rotation.code, rotation.stderr).toBe(0);
    expect(JSON.parse(rotation.stdout)).toEqual({ rowsRewritten: 1 });
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await server.stop();

    // Without the old key, everything opens: the server starts and signs, the push key reads back.
    const after = await start({ DATABASE_URL: first.database.url, SWITCHBOARD_ENCRYPTION_KEY: newKey });
    expect((await issue(after, app)).status).toBe(200);
    const settings = JSON.parse((await after.cli(["apps", "settings", "get", "--app", app.appKey, "--json"])).stdout) as Record<string, string>;
    expect(settings.pushApnsPrivateKey).toBe(apnsKey);
    await after.stop();
    await expect(startTestServer({ env: { DATABASE_URL: first.database.url, SWITCHBOARD_ENCRYPTION_KEY: oldKey } })).rejects.toThrow(/is not the one it was sealed with/);
  });

  it("refuse to finish a rotation while values keep arriving under the old key", async () => {
    const server = await start();
    await createTestApp(server);
    const [stored] = await server.database.query<{ secret: string }>(`SELECT "secret" FROM "App"`);
    const oldSealed = stored!.secret;
    // A node still on the old key only, writing the secret again after every rewrite (a trigger plays it).
    const keepOldKey =
      process.env.SWITCHBOARD_TEST_DATABASE === "postgresql"
        ? [
            `CREATE FUNCTION keep_old_key() RETURNS trigger AS $$ BEGIN NEW."secret" := '${oldSealed}'; RETURN NEW; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER old_key_node BEFORE UPDATE ON "App" FOR EACH ROW EXECUTE FUNCTION keep_old_key()`,
          ]
        : [`CREATE TRIGGER old_key_node AFTER UPDATE ON "App" BEGIN UPDATE "App" SET "secret" = '${oldSealed}' WHERE "id" = NEW."id"; END`];
    for (const statement of keepOldKey) await server.database.execute(statement);
    const rotation = await server.cli(["secrets", "rotate-key"], { SWITCHBOARD_ENCRYPTION_KEY: "7e57".repeat(16), SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY: testEncryptionKey });
    expect(rotation).toMatchObject({ code: 1, stderr: expect.stringContaining("Secrets keep arriving under the previous key") });
  });
});
