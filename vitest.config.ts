import { configDefaults, defineConfig } from "vitest/config";
import { integrationSuites } from "./test/support/suites.ts";

/**
 * Unit tests live beside the code (lib/**\/*.test.ts). The integration suite (test/)
 * starts the real server and runs once per database and bus pairing that this machine
 * offers; test/run-all.ts reports the pairings it skipped.
 */
export default defineConfig({
  // The SDK from its source, as tsconfig.json's paths say: tests need no build of the package.
  resolve: { alias: { "@switchboard/sdk": `${import.meta.dirname}/packages/sdk/src/index.ts`, "@": import.meta.dirname } },
  test: {
    // Integration tests start processes (servers, the CLI); on a loaded 2-core machine that takes a while.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each integration file starts its own server; two at a time keep a 2-core machine responsive.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "packages/*/src/**/*.test.ts"] } },
      ...integrationSuites()
        .filter((suite) => suite.available)
        .map((suite) => ({
          extends: true as const,
          test: {
            name: suite.name,
            include: [...suite.include],
            exclude: [...configDefaults.exclude, ...suite.exclude],
            env: { SWITCHBOARD_TEST_DATABASE: suite.database, SWITCHBOARD_TEST_BUS: suite.bus },
          },
        })),
    ],
  },
});
