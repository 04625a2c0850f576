import { rmSync } from "node:fs";
import path from "node:path";

/** Removes the run's temporary database folder (the server may still hold the file open; unlinking is fine). */
export default function globalTeardown() {
  const database = process.env.SWITCHBOARD_E2E_DATABASE;
  if (database) rmSync(path.dirname(database), { recursive: true, force: true });
}
