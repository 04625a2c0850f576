import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("switchboard operator CLI", () => {
  it("creates apps and lists them as JSON", async () => {
    const created = await server.cli(["apps", "create", "--name", "Shop", "--env", "production", "--json"]);
    expect(created.code).toBe(0);
    const app = JSON.parse(created.stdout);
    expect(app).toMatchObject({ name: "Shop", environment: "production", appKey: expect.stringMatching(/^[a-z0-9]{14}$/), appSecret: expect.any(String) });

    const listed = JSON.parse((await server.cli(["apps", "list", "--json"])).stdout);
    expect(listed).toContainEqual(expect.objectContaining({ appKey: app.appKey, name: "Shop" }));
    expect(listed.find((entry: { appKey: string }) => entry.appKey === app.appKey)).not.toHaveProperty("appSecret");
  });

  it("refuses bad input with a message and a failing exit code", async () => {
    expect(await server.cli(["apps", "create", "--json"])).toMatchObject({ code: 1, stderr: "switchboard: --name is required\n" });
    expect(await server.cli(["apps", "create", "--name", "X", "--env", "staging"])).toMatchObject({
      code: 1,
      stderr: "switchboard: --env must be development or production\n",
    });
    expect((await server.cli(["apps", "nonsense"])).code).toBe(2);
  });

  it("creates operators and resets their passwords", async () => {
    const created = await server.cli(["operators", "create", "--email", "Ops@Example.com", "--json"]);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: "ops@example.com", role: "admin", password: expect.any(String) });
    expect((await server.cli(["operators", "create", "--email", "ops@example.com"])).stderr).toBe(
      "switchboard: An operator with the email ops@example.com exists already\n",
    );
    const reset = await server.cli(["operators", "reset-password", "--email", "ops@example.com", "--password", "new-password", "--json"]);
    expect(JSON.parse(reset.stdout)).toEqual({ email: "ops@example.com", password: "new-password" });
    expect((await server.cli(["operators", "reset-password", "--email", "none@example.com"])).stderr).toBe(
      "switchboard: No operator has the email none@example.com\n",
    );
  });

  it("reports an up-to-date database after the server applied its migrations", async () => {
    expect(JSON.parse((await server.cli(["db", "migrate", "--json"])).stdout)).toEqual({ applied: [] });
  });
});

describe("server lifecycle", () => {
  it("created the first owner from the environment and prints where to sign in", () => {
    expect(server.output()).toContain("Sign in as owner@example.com");
  });
});
