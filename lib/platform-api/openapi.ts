import { z } from "zod";
import { errorTable } from "../chat/errors";
import { commonErrors, type Endpoint } from "./endpoint";
import { endpoints } from "./endpoints";

const toSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "openapi-3.0", io: "input" });

const errorBodySchema = {
  type: "object",
  required: ["code", "errorMessage"],
  properties: { code: { type: "integer", format: "int32" }, errorMessage: { type: "string" } },
};

function operation(endpoint: Endpoint) {
  const mime = endpoint.body === "json" ? "application/json" : "application/x-www-form-urlencoded";
  const success = endpoint.result
    ? { type: "object", required: ["code"], properties: { code: { type: "integer", format: "int32" }, result: toSchema(endpoint.result) } }
    : { type: "object", required: ["code"], properties: { code: { type: "integer", format: "int32" } } };
  const statuses = new Set([...commonErrors, ...endpoint.errors].map((kind) => errorTable[kind].status));
  const errorResponses = Object.fromEntries(
    [...statuses].sort().map((status) => [
      String(status),
      { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: `Rate limit: ${endpoint.rateLimit.perSecond}${endpoint.rateLimit.cost ? " users" : ""}/sec per app.`,
    tags: [endpoint.tag],
    security: [{ Signature: [] }],
    requestBody: { required: true, content: { [mime]: { schema: toSchema(endpoint.request) } } },
    responses: { "200": { description: "OK", content: { "application/json": { schema: success } } }, ...errorResponses },
  };
}

/** The OpenAPI 3.0 document of every endpoint served, generated from their declarations. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.0.3",
    info: { title: "Switchboard Platform API", version: "4" },
    paths: Object.fromEntries(endpoints.map((endpoint) => [endpoint.path, { post: operation(endpoint) }])),
    components: {
      schemas: { Error: errorBodySchema },
      securitySchemes: {
        Signature: {
          type: "apiKey",
          in: "header",
          name: "App-Key",
          description: "Headers App-Key, Nonce (at most 18 characters), Timestamp (Unix ms) and Signature = hex SHA1(AppSecret + Nonce + Timestamp).",
        },
      },
    },
  };
}
