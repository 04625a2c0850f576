import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Endpoint } from "../endpoint";
import { endpoints } from ".";

const endpointFiles = readdirSync(import.meta.dirname).filter((file) => file.endsWith(".ts") && file !== "index.ts" && !file.endsWith(".test.ts"));
/** The paths of the route files that look an endpoint up (the others are console and auth routes). */
const platformRoutePaths = readdirSync("app", { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts" && readFileSync(path.join("app", file), "utf8").includes("getEndpointOrThrow("))
  .map((file) => `/${path.dirname(file)}`);

describe("Platform API routes", () => {
  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint] as const))("%s is served by its declaration", async (endpointPath, endpoint) => {
    const routeFile = path.resolve("app", `.${endpointPath}`, "route.ts");
    expect(existsSync(routeFile)).toBe(true);
    const route = (await import(routeFile)) as { POST: { endpoint: unknown } };
    expect(route.POST.endpoint).toBe(endpoint);
    expect(endpoint.operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it("has a declared endpoint behind every Platform API route file", () => {
    expect(platformRoutePaths.sort()).toEqual(endpoints.map((endpoint) => endpoint.path).sort());
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
