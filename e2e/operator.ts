import { execFileSync } from "node:child_process";

/** The first operator of the e2e server: server.ts creates it from these on the fresh database. */
export const admin = { email: "admin@e2e.switchboard.test", password: "e2e-operator-password" };

/** Adds an operator with the CLI, on the e2e server's database, as a deployment script would. */
export function createOperatorWithCli(input: { email: string; password: string; role: "owner" | "admin" | "viewer" }) {
  execFileSync(process.execPath, ["bin/switchboard.mjs", "operators", "create", "--email", input.email, "--password", input.password, "--role", input.role], {
    env: { ...process.env, DATABASE_URL: `file:${process.env.SWITCHBOARD_E2E_DATABASE}`, LOG_LEVEL: "warn" },
    stdio: "pipe",
  });
  return input;
}
