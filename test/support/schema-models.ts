import { readFileSync } from "node:fs";
import path from "node:path";

/** The models of the schema (table names) with their fields' text, read from the source schema. */
function models(): { name: string; body: string }[] {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/postgresql/schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)].map(([, name, body]) => ({ name: name!, body: body! }));
}

export const modelNames = (): string[] => models().map((model) => model.name);

/** The tables that hold rows of an app: every model with an appId. */
export const tablesWithAppId = (): string[] => models().filter((model) => /^\s+appId\s/m.test(model.body)).map((model) => model.name);

/** Tables a node writes in the background (request log, usage counts): they change after the calls that caused them. */
export const backgroundTables = ["ApiRequest", "UsageCount", "ActiveUser", "ConnectionCount", "NodeLease"];
