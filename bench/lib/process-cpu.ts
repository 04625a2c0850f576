import { readFileSync } from "node:fs";

/** Clock ticks a second for /proc's utime and stime: 100 on Linux. */
const ticksPerSecond = 100;

/** CPU milliseconds (user + system) another process has used so far, from /proc. */
export function processCpuMs(pid: number): number {
  // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
