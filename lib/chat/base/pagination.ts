import { ChatError } from "./errors";

/** Page numbers start at 1; the contract's default page size is 50. */
export function checkPage(input: { page?: number; pageSize?: number }, options: { maxPageSize: number } = { maxPageSize: 100 }) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new ChatError("invalidParameter", "page must be 1 or more");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > options.maxPageSize) {
    throw new ChatError("invalidParameter", `pageSize must be 1 to ${options.maxPageSize}`);
  }
  return { skip: (page - 1) * pageSize, take: pageSize };
}
