// `npm test`: every check and test suite of the project, in order, stopping at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { contractPath, integrationSuites } from "./support/suites.ts";

const chromium = "/usr/bin/chromium";

function run(title: string, command: string, args: string[]) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    process.stdout.write(`\n✗ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

/** Playwright drives Debian's Chromium; browser downloads do not work on these machines. */
function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    process.stdout.write(`✗ End-to-end tests need Chromium at ${chromium}: run  sudo apt-get install -y chromium\n`);
    process.exit(1);
  }
  run("Install Debian's Chromium", "bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]);
}

const skipped = integrationSuites().filter((suite) => !suite.available);
const skippedReport = skipped.map((suite) => `  SKIPPED integration suite ${suite.name}: set ${suite.needs} to run it`).join("\n");
if (!existsSync(contractPath())) {
  process.stdout.write(`  (The check against the public API specification is skipped: no file at ${contractPath()}; set SWITCHBOARD_CONTRACT.)\n`);
}
if (skipped.length > 0) {
  process.stdout.write(`${skippedReport}\n`);
  if (process.env.SWITCHBOARD_REQUIRE_ALL_SUITES === "1") {
    process.stdout.write("✗ SWITCHBOARD_REQUIRE_ALL_SUITES=1 and a suite would be skipped\n");
    process.exit(1);
  }
}

ensureChromium();
run("Generate the Prisma clients", "npm", ["run", "--silent", "db:generate"]);
run("Dependency rule (.dependency-cruiser.cjs)", "npm", ["run", "--silent", "deps"]);
run("Type-check", "npx", ["tsc", "--noEmit"]);
run("Production build (the SDK package, then Next)", "npm", ["run", "--silent", "build"]);
run("Unit and integration tests (Vitest)", "npx", ["vitest", "run"]);
run("End-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test"]);

process.stdout.write(`\n✓ All tests passed${skipped.length ? `, but some suites were skipped:\n${skippedReport}` : " on every suite"}\n`);
