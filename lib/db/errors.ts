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

export function isTransactionConflict(error: unknown): boolean {
  return codeOf(error) === transactionConflict || (error instanceof Error && postgresConflictMessages.test(error.message));
}
