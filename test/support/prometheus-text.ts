/**
 * A strict reader of Prometheus's text exposition format (version 0.0.4), for tests of
 * GET /metrics: every line must be a HELP or TYPE comment or a well-formed sample of a
 * declared family, and every histogram's buckets must be cumulative and end in +Inf = _count.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help: string; samples: Sample[] };

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/y;
const types = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const familyOf = (name: string) => families.get(name) ?? families.get(name.replace(/_(bucket|sum|count|total|created)$/, ""));
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment;
      const family = families.get(name!) ?? { name: name!, type: "untyped", help: "", samples: [] };
      if (kind === "TYPE") {
        if (!types.has(rest!)) throw new Error(`unknown metric type: ${line}`);
        family.type = rest!;
      } else family.help = rest!;
      families.set(name!, family);
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = sampleLine.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText = "", valueText] = sample;
    const value = valueText === "+Inf" ? Infinity : valueText === "-Inf" ? -Infinity : Number(valueText);
    if (Number.isNaN(value) && valueText !== "NaN") throw new Error(`not a number: ${line}`);
    const family = familyOf(name!);
    if (!family) throw new Error(`a sample of no declared family: ${line}`);
    family.samples.push({ name: name!, labels: parseLabels(labelText, line), value });
  }
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  labelPair.lastIndex = 0;
  while (labelPair.lastIndex < text.length) {
    const match = labelPair.exec(text);
    if (!match) throw new Error(`malformed labels: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
  }
  return labels;
}

/** Each label set's buckets rise with `le` and end with +Inf equal to its _count. */
function checkHistogram(family: Family) {
  const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).filter(([label]) => label !== "le").sort());
  const counts = new Map(family.samples.filter((sample) => sample.name.endsWith("_count")).map((sample) => [keyOf(sample.labels), sample.value]));
  const buckets = new Map<string, Sample[]>();
  for (const sample of family.samples.filter((each) => each.name.endsWith("_bucket"))) buckets.set(keyOf(sample.labels), [...(buckets.get(keyOf(sample.labels)) ?? []), sample]);
  for (const [key, series] of buckets) {
    const bounds = series.map((sample) => Number(sample.labels.le === "+Inf" ? Infinity : sample.labels.le));
    if (bounds.some((bound, index) => index > 0 && bound <= bounds[index - 1]!) || bounds.at(-1) !== Infinity) throw new Error(`${family.name}: buckets out of order`);
    if (series.some((sample, index) => index > 0 && sample.value < series[index - 1]!.value)) throw new Error(`${family.name}: buckets not cumulative`);
    if (series.at(-1)!.value !== counts.get(key)) throw new Error(`${family.name}: +Inf bucket differs from _count`);
  }
}

/** The value of the sample named `name` (default: the family's own) whose labels include `labels`; 0 when none. */
export function sampleValue(families: Map<string, Family>, family: string, labels: Record<string, string> = {}, name = family): number {
  const sample = families.get(family)?.samples.find((each) => each.name === name && Object.entries(labels).every(([label, value]) => each.labels[label] === value));
  return sample?.value ?? 0;
}
