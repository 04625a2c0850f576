import { isTransactionConflict } from "./errors";

/**
 * Runs a transaction again when the database aborted it for a deadlock or write conflict
 * with a concurrent one (several nodes, or concurrent requests on the same rows).
 * `isRetryable` widens what counts as such a conflict for this transaction.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, options: { attempts?: number; isRetryable?: (error: unknown) => boolean } = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const retryable = isTransactionConflict(error) || (options.isRetryable?.(error) ?? false);
      if (attempt >= attempts || !retryable) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
