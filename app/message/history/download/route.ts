import { createGzip } from "node:zlib";
import { Readable } from "node:stream";
import { toErrorBody } from "@/lib/chat/base/errors";
import { historyLines, verifyHistoryLink } from "@/lib/chat/messages/history-download";

// The signed link is the credential: no Platform API signature here.
export async function GET(request: Request): Promise<Response> {
  let link: Awaited<ReturnType<typeof verifyHistoryLink>>;
  try {
    link = await verifyHistoryLink(new URL(request.url).searchParams);
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return Response.json(body, { status });
  }
  const file = Readable.from(historyLines(link)).pipe(createGzip());
  return new Response(Readable.toWeb(file) as ReadableStream, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${link.appKey}-${link.date}.jsonl.gz"`,
      "cache-control": "private, no-store",
    },
  });
}
