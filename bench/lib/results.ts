import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../results");

export type Row = Record<string, string | number>;

/** Writes a scenario's figures as JSON and refreshes its section of the Markdown summary. */
export function saveResults(scenario: string, description: string, rows: Row[]) {
  const measuredAt = new Date().toISOString();
  const file = scenario.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "");
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ scenario, description, measuredAt, rows }, null, 2) + "\n");
  const columns = Object.keys(rows[0] ?? {});
  const table = [
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${columns.map((column) => row[column]).join(" | ")} |`),
  ].join("\n");
  const section = `<!-- ${scenario} -->\n## ${scenario}\n${description}\nMeasured ${measuredAt}.\n\n${table}\n<!-- /${scenario} -->`;
  const summaryPath = path.join(dir, "summary.md");
  let summary = "# Benchmark results\n";
  try {
    summary = readFileSync(summaryPath, "utf8");
  } catch {}
  const pattern = new RegExp(`<!-- ${escape(scenario)} -->[\\s\\S]*<!-- /${escape(scenario)} -->`);
  summary = pattern.test(summary) ? summary.replace(pattern, section) : `${summary.trimEnd()}\n\n${section}\n`;
  writeFileSync(summaryPath, summary);
  console.table(rows);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
