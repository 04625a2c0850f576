import { z } from "zod";
import { errorTable } from "../chat/base/errors";
import { commonErrors, describeRateLimit, type Endpoint } from "./endpoint";
import { endpoints } from "./endpoints";

const toSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "openapi-3.0", io: "input" });

const codeSchema = { type: "integer", format: "int32" };

const errorBodySchema = {
  type: "object",
  required: ["code", "errorMessage"],
  properties: { code: codeSchema, errorMessage: { type: "string" } },
};

/** v4: `{code: 0, result}`; the older API: `{code: 200}` with the result's fields beside it. */
function successSchema(endpoint: Endpoint) {
  if (endpoint.api === "v4") {
    return { type: "object", required: ["code"], properties: { code: codeSchema, ...(endpoint.result && { result: toSchema(endpoint.result) }) } };
  }
  const result = endpoint.result ? (toSchema(endpoint.result) as { properties?: object; required?: string[] }) : {};
  return { type: "object", required: ["code", ...(result.required ?? [])], properties: { code: codeSchema, ...result.properties } };
}

function operation(endpoint: Endpoint) {
  const mime = endpoint.api === "v4" ? "application/json" : "application/x-www-form-urlencoded";
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
    description: `Rate limit: ${describeRateLimit(endpoint.rateLimit)} per app.`,
    "x-rate-limit": endpoint.rateLimit.windows,
    tags: [endpoint.tag],
    ...(endpoint.extension && { "x-switchboard-extension": true }),
    security: [{ Signature: [] }],
    requestBody: { required: true, content: { [mime]: { schema: toSchema(endpoint.request) } } },
    responses: { "200": { description: "OK", content: { "application/json": { schema: successSchema(endpoint) } } }, ...errorResponses },
  };
}

/** The OpenAPI 3.0 document of every endpoint served, generated from their declarations. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.0.3",
    info: {
      title: "Switchboard Platform API",
      version: "4",
      description: "The v4 endpoints (JSON), and the older form endpoints under the Compatibility tag. Operations marked x-switchboard-extension are Switchboard's own, beyond the compatible contract.",
    },
    paths: Object.fromEntries(endpoints.map((endpoint) => [endpoint.path, { post: operation(endpoint) }])),
    components: {
      schemas: { Error: errorBodySchema },
      securitySchemes: {
        Signature: {
          type: "apiKey",
          in: "header",
          name: "App-Key",
          description:
            "Headers App-Key, Nonce (at most 18 characters), Timestamp (Unix ms) and Signature = hex SHA1(AppSecret + Nonce + Timestamp); " +
            "or, with Signature-Version: 2, Signature = hex HMAC-SHA256(AppSecret, Timestamp \\n Nonce \\n method \\n path \\n hex SHA-256 of the body).",
        },
      },
    },
  };
}
