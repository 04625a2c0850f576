import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOpenApiDocument } from "../lib/platform-api/openapi";
import { allowedDifferences, fieldsTakenWithoutEffect } from "./contract-differences";
import { type Schema, schemaDifferences } from "./support/schema-differences";
import { contractPath } from "./support/suites";

/**
 * Our OpenAPI document against the public specification of the service we are compatible
 * with, for every v4 endpoint we serve: same request fields (and required ones), and every
 * result field the specification names. The specification is not part of this repository;
 * set SWITCHBOARD_CONTRACT to its path (default: ../shared/reference/nexconn-openapi.yaml).
 */
const specificationPath = contractPath();

type Operation = {
  description?: string;
  "x-switchboard-extension"?: true;
  "x-rate-limit"?: { limit: number; per: string }[];
  requestBody: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content: Record<string, { schema: Schema }> }>;
};
type Document = {
  paths: Record<string, { post: Operation }>;
  components?: { schemas?: Record<string, Schema> };
};

function resolve(document: Document, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  return resolve(document, document.components?.schemas?.[schema.$ref.split("/").pop()!]);
}

/** Whether `field` ("request.a.b") names a property, at its depth, of the request schema. */
function hasField(document: Document, schema: Schema, field: string): boolean {
  let current = resolve(document, schema);
  for (const name of field.split(".").slice(1)) {
    const next = current.properties?.[name];
    if (!next) return false;
    current = resolve(document, next);
  }
  return true;
}

const requestSchema = (operation: Operation) => operation.requestBody.content["application/json"]!.schema;
const resultSchema = (document: Document, operation: Operation) => resolve(document, operation.responses["200"]!.content["application/json"]!.schema).properties?.result;

const ours = buildOpenApiDocument() as unknown as Document;
const v4Paths = Object.keys(ours.paths).filter((endpointPath) => endpointPath.startsWith("/v4/"));
const isExtension = (endpointPath: string) => ours.paths[endpointPath]!.post["x-switchboard-extension"] === true;
const served = v4Paths.filter((endpointPath) => !isExtension(endpointPath));
const extensions = v4Paths.filter(isExtension);
// Read on first use: a skipped describe still runs its body to collect the tests.
let contract: Document | undefined;
const readContract = () => (contract ??= parse(readFileSync(specificationPath, "utf8")) as Document);

describe.runIf(existsSync(specificationPath))("the v4 contract", () => {
  it.each(served)("%s takes the contract's request fields and answers its result fields, at every depth, but for the differences allowed", (endpointPath) => {
    const contract = readContract();
    const theirs = contract.paths[endpointPath]?.post;
    expect(theirs, `${endpointPath} is not in the contract`).toBeDefined();
    const sources = { ours: { schemas: ours.components?.schemas }, theirs: { schemas: contract.components?.schemas } };
    const ourOperation = ours.paths[endpointPath]!.post;
    const differences = [
      ...schemaDifferences(requestSchema(ourOperation), requestSchema(theirs!), sources, "request"),
      ...schemaDifferences(resultSchema(ours, ourOperation), resultSchema(contract, theirs!), sources, "result"),
    ];
    expect(differences.sort()).toEqual(Object.keys(allowedDifferences[endpointPath] ?? {}).sort());
  });

  // About a third of the contract's endpoints state no limit: those take Switchboard's default of 100 calls a second.
  it.each(served)("%s limits calls as the contract states: the same windows, counting what it counts", (endpointPath) => {
    const theirs = contractRateLimit(readContract().paths[endpointPath]!.post.description ?? "");
    if (theirs.windows.length === 0) return;
    const ours = ourRateLimit(endpointPath);
    expect(ours.windows).toEqual(theirs.windows);
    expect(ours.countsUnits, "counts something other than calls").toBe(theirs.countsUnits);
    expect(ours.shared, "shares its budget with other endpoints").toBe(theirs.shared);
  });

  it("allows no difference the contract no longer has, nor one of a path not served", () => {
    for (const endpointPath of Object.keys(allowedDifferences)) expect(served, endpointPath).toContain(endpointPath);
  });

  it("lists as taken without effect only request fields that both the contract and Switchboard define", () => {
    const contract = readContract();
    for (const [endpointPath, fields] of Object.entries(fieldsTakenWithoutEffect)) {
      for (const field of Object.keys(fields)) {
        expect(hasField(contract, requestSchema(contract.paths[endpointPath]!.post), field), `${endpointPath} ${field} in the contract`).toBe(true);
        expect(hasField(ours, requestSchema(ours.paths[endpointPath]!.post), field), `${endpointPath} ${field} here`).toBe(true);
      }
    }
  });

  it.each(extensions)("%s, Switchboard's own, takes no path of the contract", (endpointPath) => {
    expect(readContract().paths[endpointPath]).toBeUndefined();
  });
});

type RateLimitFacts = { windows: { limit: number; per: string }[]; countsUnits: boolean; shared: boolean };

const periods: Record<string, string> = { sec: "second", min: "minute", hour: "hour", day: "day" };

/**
 * The contract states limits in prose: "Rate limit: 100/sec.", "2/hour, 3/day (shared).",
 * "6,000 msgs/min (by recipient count).", "100 users/sec.". What follows a ";" or a
 * "(max ..." narrows the limit for some inputs and is not compared here.
 */
function contractRateLimit(description: string): RateLimitFacts {
  const statement = /Rate limit: ([^.]*(?:\.\d[^.]*)?)\./.exec(description)?.[1] ?? "";
  const main = statement.split(";")[0]!;
  const windows = [...main.matchAll(/(\d[\d,]*)(?: (\w+))?\/(sec|min|hour|day)/g)].map((match) => ({ limit: Number(match[1]!.replace(/,/g, "")), per: periods[match[3]!]! }));
  const countsUnits = /\(by [\w ]+ count\)/.test(main) || /\d[\d,]* \w+\//.test(main);
  return { windows, countsUnits, shared: /\(shared\)/.test(main) };
}

function ourRateLimit(endpointPath: string): RateLimitFacts {
  const operation = ours.paths[endpointPath]!.post;
  return { windows: operation["x-rate-limit"] ?? [], countsUnits: !/ calls\//.test(operation.description ?? ""), shared: /\(shared: /.test(operation.description ?? "") };
}
