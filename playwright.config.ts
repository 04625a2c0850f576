import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { admin } from "./e2e/operator";

// Playwright evaluates this file in the runner and again in each worker; the workers
// inherit the runner's environment, so the port and database chosen once stay the same.
process.env.SWITCHBOARD_E2E_PORT ??= freePort();
process.env.SWITCHBOARD_E2E_DATABASE ??= path.join(mkdtempSync(path.join(tmpdir(), "switchboard-e2e-")), "switchboard.db");

const baseURL = `http://127.0.0.1:${process.env.SWITCHBOARD_E2E_PORT}`;

/**
 * End-to-end tests of the console against the real server (server.ts) in production
 * mode on a fresh SQLite database. Build first: `npx next build && npx playwright test`.
 */
export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  // One server and one database for the run; tests create what they need under unique names.
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      // The system Chromium: these machines never download browsers.
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node --import tsx server.ts",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: process.env.SWITCHBOARD_E2E_PORT,
      DATABASE_URL: `file:${process.env.SWITCHBOARD_E2E_DATABASE}`,
      SWITCHBOARD_ADMIN_EMAIL: admin.email,
      SWITCHBOARD_ADMIN_PASSWORD: admin.password,
      SWITCHBOARD_ENCRYPTION_KEY: "e2e0".repeat(16),
      LOG_LEVEL: "warn",
    },
  },
});

/** A port nobody listens on right now, found synchronously because the config is. */
function freePort(): string {
  const script = "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}
