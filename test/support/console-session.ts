import type { TestServer } from "./test-server";

/** A console operator signed in over HTTP as the sign-in form does: its cookies go with each call. */
export type ConsoleSession = {
  get<T>(path: string): Promise<{ status: number; body: T }>;
  send<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<{ status: number; body: T }>;
};

/** Signs the first operator (the test server's SWITCHBOARD_ADMIN_*) in through next-auth. */
export async function signInToConsole(server: TestServer, operator = { email: "owner@example.com", password: "owner-password" }): Promise<ConsoleSession> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const separator = pair!.indexOf("=");
      cookies.set(pair!.slice(0, separator), pair!.slice(separator + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ ...operator, csrfToken, json: "true" }),
  });
  remember(signIn);
  if (![...cookies.keys()].some((name) => name.endsWith("session-token"))) throw new Error(`signing in failed: ${signIn.status}`);
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: cookieHeader(), ...(body !== undefined && { "content-type": "application/json" }) };
    const response = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  return { get: (path) => call("GET", path), send: (method, path, body) => call(method, path, body) };
}
