/** Prisma's error codes, mapped here and nowhere else. */
const uniqueViolation = "P2002";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === uniqueViolation;
}
