import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints } from ".";

describe("Platform API routes", () => {
  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint] as const))("%s is served by its declaration", async (endpointPath, endpoint) => {
    const routeFile = path.resolve("app", `.${endpointPath}`, "route.ts");
    expect(existsSync(routeFile)).toBe(true);
    const route = (await import(routeFile)) as { POST: { endpoint: unknown } };
    expect(route.POST.endpoint).toBe(endpoint);
    expect(endpoint.operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it("declares every path once", () => {
    const paths = endpoints.map((endpoint) => endpoint.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
