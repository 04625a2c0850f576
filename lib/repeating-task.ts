import { describeError, log } from "./log";

/**
 * Runs `task` every `intervalMs`, one run at a time. `stop` resolves once no run is under
 * way, so that shutdown closes the database after the last one.
 */
export function startRepeatingTask(name: string, task: () => Promise<void>, intervalMs: number) {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= task()
      .catch((error) => log.warn(`${name} failed`, describeError(error)))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
