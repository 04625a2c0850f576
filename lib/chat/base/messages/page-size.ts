/**
 * Most message content one page (a sync or history reply) carries: the gateway disconnects
 * a client whose unsent data passes 4 MB, and 200 messages of 128 KB would be 25 MB.
 */
const maxPageContentChars = 1024 * 1024;

/** The first `limit` rows, fewer when their contents would pass the page's size (never none). */
export function takePage<T extends { content: string }>(rows: T[], limit: number): T[] {
  let chars = 0;
  let count = 0;
  for (const row of rows) {
    if (count === limit || (count > 0 && chars + row.content.length > maxPageContentChars)) break;
    chars += row.content.length;
    count++;
  }
  return rows.slice(0, count);
}
