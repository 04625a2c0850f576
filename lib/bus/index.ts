import { env } from "../env";
import { createMemoryBus } from "./memory-bus";
import type { Bus } from "./messages";
import { createRedisBus } from "./redis-bus";

export { topics, type Bus, type BusMessage } from "./messages";

// One bus per process, shared by server.ts and Next's route handlers (separate module instances).
const key = Symbol.for("switchboard.bus");
const globals = globalThis as typeof globalThis & { [key]?: Bus };

export function getBus(): Bus {
  return (globals[key] ??= env.REDIS_URL ? createRedisBus(env.REDIS_URL) : createMemoryBus());
}

/** Closes the bus if this process opened one (it holds Redis connections open). */
export async function closeBus(): Promise<void> {
  const bus = globals[key];
  delete globals[key];
  await bus?.close();
}
