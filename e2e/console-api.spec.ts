import { expect, test } from "@playwright/test";
import { createAppThroughApi, uniqueName } from "./seed";
import { signInThroughApi } from "./session";

const signInFirst = { code: 1017, errorMessage: "Sign in to the console first" };

const consoleApis = [
  { method: "GET", path: "/api/console/apps" },
  { method: "POST", path: "/api/console/apps", data: { name: "Intruder", environment: "development" } },
  { method: "GET", path: "/api/console/apps/anykey" },
  { method: "GET", path: "/api/console/apps/anykey/secret" },
  { method: "POST", path: "/api/console/apps/anykey/rotate-secret", data: { graceHours: 0 } },
] as const;

test.describe("without a session", () => {
  for (const api of consoleApis) {
    test(`${api.method} ${api.path} answers 401`, async ({ request }) => {
      const response = await request.fetch(api.path, { method: api.method, data: "data" in api ? api.data : undefined });
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual(signInFirst);
    });
  }

  test("a forged session cookie answers 401", async ({ request }) => {
    const response = await request.get("/api/console/apps", { headers: { cookie: "next-auth.session-token=forged" } });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual(signInFirst);
  });
});

test.describe("with a session", () => {
  test.beforeEach(async ({ request }) => {
    await signInThroughApi(request);
  });

  const refused = [
    { name: "an unknown environment", data: { name: "App", environment: "staging" }, status: 400, code: 1002 },
    { name: "an empty name", data: { name: "  ", environment: "development" }, status: 400, code: 1002 },
    { name: "a missing body", data: undefined, status: 400, code: 1003 },
  ];
  for (const example of refused) {
    test(`creating an app with ${example.name} answers ${example.status}`, async ({ request }) => {
      const response = await request.post("/api/console/apps", { data: example.data });
      expect(response.status()).toBe(example.status);
      expect(await response.json()).toMatchObject({ code: example.code, errorMessage: expect.any(String) });
    });
  }

  test("a body that is not JSON is refused, so a cross-site form cannot post one", async ({ request }) => {
    const response = await request.post("/api/console/apps", { form: { name: "Form app", environment: "development" } });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ code: 1003, errorMessage: "The body must be JSON (Content-Type: application/json)" });
  });

  test("an unknown App Key answers 404", async ({ request }) => {
    const response = await request.get("/api/console/apps/nosuchappkey00");
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ code: 1010, errorMessage: "No app has the App Key nosuchappkey00" });
  });

  test("the app list leaves secrets out, and the secret route is not cached", async ({ request }) => {
    const app = await createAppThroughApi(request, { name: uniqueName("Listed app") });
    const list = (await (await request.get("/api/console/apps")).json()) as { apps: Record<string, unknown>[] };
    const listed = list.apps.find((entry) => entry.appKey === app.appKey);
    expect(listed).toMatchObject({ name: app.name, environment: "development" });
    expect(listed).not.toHaveProperty("appSecret");

    const secret = await request.get(`/api/console/apps/${app.appKey}/secret`);
    expect(secret.headers()["cache-control"]).toBe("no-store");
    expect(await secret.json()).toMatchObject({ app: { appKey: app.appKey, appSecret: app.appSecret } });
  });

  test("a grace period beyond 30 days is refused", async ({ request }) => {
    const app = await createAppThroughApi(request, { name: uniqueName("Grace app") });
    const response = await request.post(`/api/console/apps/${app.appKey}/rotate-secret`, { data: { graceHours: 721 } });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ code: 1002, errorMessage: "graceHours: Too big: expected number to be <=720" });
  });
});
