import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Endpoint } from "../endpoint";
import { platformApiTarget } from "../http-handler";
import { endpoints } from ".";

const endpointFiles = readdirSync(import.meta.dirname).filter((file) => file.endsWith(".ts") && file !== "index.ts" && !file.endsWith(".test.ts"));

describe("Platform API routes", () => {
  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint] as const))("%s is served by its declaration", (endpointPath, endpoint) => {
    expect(platformApiTarget(endpointPath)).toBe(endpoint);
    expect(endpoint.operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it("answers other paths under /v4/ as unknown endpoints, and leaves the rest to Next", () => {
    expect(platformApiTarget("/v4/no/such/endpoint")).toBe("unknown");
    expect(platformApiTarget("/v4/")).toBe("unknown");
    for (const nextPath of ["/v4/openapi.json", "/v4", "/", "/apps/abc/users", "/api/console/apps", "/message/history/download", "/user/nothing.json"]) {
      expect(platformApiTarget(nextPath)).toBeUndefined();
    }
  });

  it("declares every path and every operationId once", () => {
    const paths = endpoints.map((endpoint) => endpoint.path);
    expect(new Set(paths).size).toBe(paths.length);
    const operationIds = endpoints.map((endpoint) => endpoint.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it.each(endpointFiles)("%s exports one list of endpoints, all of them registered", async (file) => {
    const exported = Object.values((await import(path.join(import.meta.dirname, file))) as Record<string, Endpoint[]>);
    expect(exported).toHaveLength(1);
    const [list = []] = exported;
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((endpoint) => !endpoints.includes(endpoint)).map((endpoint) => endpoint.path)).toEqual([]);
  });
});
