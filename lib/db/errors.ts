/** Prisma's error codes, mapped here and nowhere else. */
const uniqueViolation = "P2002";
/** A write conflict: the transaction was rolled back and may be run again. */
const transactionConflict = "P2034";
/** PostgreSQL's deadlock and serialization failures reach us through the pg adapter as plain errors. */
const postgresConflictMessages = /deadlock detected|could not serialize access/i;

const codeOf = (error: unknown) => (typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined);

export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === uniqueViolation;
}

/** SQLite's driver refusing a write for a constraint: a unique index, NOT NULL, a foreign key. */
export function isConstraintViolation(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT");
}

export function isTransactionConflict(error: unknown): boolean {
  return codeOf(error) === transactionConflict || (error instanceof Error && postgresConflictMessages.test(error.message));
}

/** Prisma's codes and the driver's for a database out of reach: refused, cut, timed out, shutting down. */
const unreachableCodes = new Set(["P1001", "P1008", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "57P01", "57P02", "57P03"]);
/** What pg says, without a code, of a connection that ended or never came. */
const unreachableMessages = /connection terminated|connection timeout|timeout exceeded when trying to connect|connection error and is not queryable|can't reach database server|server has closed the connection/i;

/**
 * Whether `error` (or an error it wraps) says the database is out of reach, for now: the
 * call may succeed when tried again. PostgreSQL's connection exceptions are class 08.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; typeof cause === "object" && cause !== null && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = codeOf(cause);
    if (typeof code === "string" && (unreachableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (cause instanceof Error && unreachableMessages.test(cause.message)) return true;
  }
  return false;
}
