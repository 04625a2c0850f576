import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/databases";
import { startTestServer, type TestServer } from "./support/test-server";

// What a deployment of several replicas does on its first install: every node starts at once on a fresh database.
const onPostgres = process.env.SWITCHBOARD_TEST_DATABASE === "postgresql";
const nodeCount = onPostgres ? 3 : 2;

describe(`${nodeCount} nodes started together on a fresh ${onPostgres ? "PostgreSQL database" : "SQLite file"}`, () => {
  let database: TestDatabase;
  let nodes: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await database?.drop();
  });

  it("all come up and serve; migrations are applied once and one owner is created", async () => {
    database = await createTestDatabase();
    // No password given: the node that creates the owner prints the one it generated.
    nodes = await Promise.all(Array.from({ length: nodeCount }, () => startTestServer({ database, env: { SWITCHBOARD_ADMIN_PASSWORD: undefined } })));
    for (const node of nodes) {
      expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
      expect(node.process.exitCode).toBeNull();
    }
    expect(await database.query(`SELECT "email", "role" FROM "Operator"`)).toEqual([{ email: "owner@example.com", role: "owner" }]);
    const migrations = await database.query<{ migration_name: string; n: number | string }>(`SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name`);
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((migration) => Number(migration.n) === 1)).toBe(true);
    const printedPassword = nodes.filter((node) => /Sign in as owner@example\.com with password \S+/.test(node.output()));
    expect(printedPassword).toHaveLength(1);
  });
});
