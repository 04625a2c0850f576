import { env } from "../env";
import { createMemoryBus } from "./memory-bus";
import type { Bus } from "./messages";
import { createRedisBus } from "./redis-bus";

export { topics, type Bus, type BusMessage } from "./messages";

// One bus per process, shared by server.ts and Next's route handlers (separate module instances).
const key = Symbol.for("switchboard.bus");
const globals = globalThis as typeof globalThis & { [key]?: Bus };

/**
 * Opens this process's bus, at start (server.ts, the CLI): Redis when REDIS_URL is set, its keys
 * under `installation` (SWITCHBOARD_BUS_PREFIX, or the installation's id); else in-process.
 */
export function openBus(installation: string): Bus {
  return (globals[key] ??= env.REDIS_URL ? createRedisBus(env.REDIS_URL, installation) : createMemoryBus());
}

/** The bus opened at start; the in-process bus needs no opening. */
export function getBus(): Bus {
  const bus = globals[key];
  if (bus) return bus;
  if (env.REDIS_URL) throw new Error("The Redis bus is used before it was opened: openBus(installation) runs at start");
  return (globals[key] = createMemoryBus());
}

/** Closes the bus if this process opened one (it holds Redis connections open). */
export async function closeBus(): Promise<void> {
  const bus = globals[key];
  delete globals[key];
  await bus?.close();
}
