import { Ajv } from "ajv";
import type { TestServer } from "./test-server";

type OpenApiDocument = {
  paths: Record<string, { post: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>;
  components: object;
};

const validators = new WeakMap<TestServer, Promise<(path: string, status: number, body: unknown) => void>>();

/**
 * Checks a Platform API answer against the server's own OpenAPI document (/v4/openapi.json):
 * the status must be documented for the path, and the body must match its schema.
 */
export function checkAgainstOpenApi(server: TestServer, path: string, status: number, body: unknown): Promise<void> {
  let validator = validators.get(server);
  if (!validator) {
    validator = loadValidator(server);
    validators.set(server, validator);
  }
  return validator.then((validate) => validate(path, status, body));
}

async function loadValidator(server: TestServer) {
  const document = (await (await fetch(`${server.url}/v4/openapi.json`)).json()) as OpenApiDocument;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("int32", { type: "number", validate: (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isSafeInteger(value) });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (path: string, status: number, body: unknown) => {
    const operation = document.paths[path]?.post;
    if (!operation) return; // Not an endpoint: the unknown-path answer is checked by its own test.
    const schema = operation.responses[String(status)]?.content["application/json"]?.schema;
    if (!schema) throw new Error(`${path} answered ${status}, which its OpenAPI declaration does not document`);
    const key = `${path} ${status}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile({ ...schema, components: document.components })));
    if (!validate(body)) throw new Error(`${path} answered ${status} outside its OpenAPI schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  };
}
