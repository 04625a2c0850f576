// `npm run bench`: every scenario, one process each, on every database/bus pairing this
// machine offers (PostgreSQL + Redis when DATABASE_URL and REDIS_URL are set). Needs a
// production build (npm run build).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { integrationSuites } from "../test/support/suites.ts";

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}
// The soak (bench/soak.ts, 10 minutes a pairing) runs on its own: npm run bench:soak.
const scenarios = readdirSync("bench").filter((file) => file.endsWith(".ts") && !["run-all.ts", "soak.ts"].includes(file));
for (const suite of integrationSuites().filter((candidate) => candidate.available && candidate.pairing)) {
  for (const scenario of scenarios) {
    console.log(`\n=== bench/${scenario} on ${suite.name}`);
    const env = { ...process.env, SWITCHBOARD_TEST_DATABASE: suite.database, SWITCHBOARD_TEST_BUS: suite.bus };
    const result = spawnSync("npx", ["tsx", `bench/${scenario}`], { stdio: "inherit", env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
console.log("\nFigures: bench/results/summary.md");
