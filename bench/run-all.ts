// `npm run bench`: every scenario, one process each. Needs a production build (npm run build).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}
const scenarios = readdirSync("bench").filter((file) => file.endsWith(".ts") && file !== "run-all.ts");
for (const scenario of scenarios) {
  console.log(`\n=== bench/${scenario}`);
  const result = spawnSync("npx", ["tsx", `bench/${scenario}`], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log("\nFigures: bench/results/summary.md");
