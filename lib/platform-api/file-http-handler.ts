import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { ChatError, knownError, toErrorBody } from "../chat/base/errors";
import { openFileDownload, RangeNotSatisfiable, startUpload, uploadFile } from "../chat/products/files";
import { describeError, log } from "../log";

/**
 * The file endpoints clients call over HTTP, served by server.ts before Next as the Platform
 * API is: `POST /files` uploads with the user's access token, `GET /files/<id>` (and
 * `/files/<id>/thumbnail`) downloads with the signed URL an upload or a message handed out.
 */
export function handlesFiles(path: string): boolean {
  return path === "/files" || path.startsWith("/files/");
}

const downloadPath = /^\/files\/([A-Za-z0-9_-]{22})(\/thumbnail)?$/;
/** Room for a multipart body's boundaries and part headers beyond the file itself. */
const multipartSlackBytes = 64 * 1024;
/** Types a browser may show in place (under a sandboxing policy); everything else is downloaded. */
const inlineTypes = /^(image\/(jpeg|png|webp|gif|avif)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/plain)$/;
/** Any web app's pages may call these: they authenticate by token or signature, never by cookie. */
const crossOrigin = { "access-control-allow-origin": "*", "access-control-expose-headers": "content-disposition, x-request-id" };

/** Answers a request `handlesFiles` took; never rejects. */
export async function serveFiles(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://switchboard");
  try {
    if (request.method === "OPTIONS") {
      response.writeHead(204, { ...crossOrigin, "access-control-allow-methods": "GET, HEAD, POST", "access-control-allow-headers": "authorization, content-type, x-file-name", "access-control-max-age": "86400" });
      return void response.end();
    }
    if (url.pathname === "/files") {
      if (request.method !== "POST") return answer(response, 405, { code: 1010, errorMessage: "/files takes POST requests (uploads)" }, { allow: "POST" });
      return await answerUpload(request, response, url);
    }
    const match = downloadPath.exec(url.pathname);
    if (!match) throw new ChatError("notFound", `No file at ${url.pathname}`);
    if (request.method !== "GET" && request.method !== "HEAD") return answer(response, 405, { code: 1010, errorMessage: "Files are downloaded with GET" }, { allow: "GET, HEAD" });
    await answerDownload(request, response, {
      fileId: match[1]!,
      variant: match[2] ? "thumbnail" : "original",
      expires: url.searchParams.get("expires"),
      signature: url.searchParams.get("signature"),
      range: request.headers.range,
    });
  } catch (error) {
    if (!knownError(error)) log.error("file request failed", { path: url.pathname, ...describeError(error) });
    if (response.headersSent) return void response.destroy();
    const { status, body, retryAfterSeconds } = toErrorBody(error);
    answer(response, status, body, {
      ...(retryAfterSeconds !== undefined && { "retry-after": String(retryAfterSeconds) }),
      // What a 416 owes the client: the size, so that it can ask again within it.
      ...(error instanceof RangeNotSatisfiable && { "content-range": `bytes */${error.size}` }),
    });
  }
}

async function answerUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const authorization = request.headers.authorization ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  // Refused before the body is read: a wrong token or a user over their rate costs no storage.
  const uploader = await startUpload(token).catch(async (error: unknown) => {
    await discard(request);
    throw error;
  });
  const contentType = request.headers["content-type"] ?? "";
  const multipart = /^multipart\/form-data\b/i.test(contentType);
  const body = await readBody(request, uploader.maxBytes + (multipart ? multipartSlackBytes : 0));
  if (body === "too large") throw new ChatError("payloadTooLarge", `This app takes files of at most ${uploader.maxBytes} bytes`);
  const file = multipart ? await readMultipartFile(body, contentType) : { bytes: body, name: url.searchParams.get("name") ?? decodeHeader(request.headers["x-file-name"]) ?? "file", mimeType: contentType || "application/octet-stream" };
  const result = await uploadFile({ uploader, ...file });
  answer(response, 200, { code: 0, result });
}

/** The first file part of a multipart/form-data body (the field named "file" if there is one). */
async function readMultipartFile(body: Buffer, contentType: string): Promise<{ bytes: Buffer; name: string; mimeType: string }> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ChatError("invalidBody", "The multipart/form-data body cannot be read");
  }
  const named = form.get("file");
  const part = named instanceof File ? named : [...form.values()].find((value): value is File => value instanceof File);
  if (!part) throw new ChatError("invalidBody", 'The multipart/form-data body has no file part (name it "file")');
  return { bytes: Buffer.from(await part.arrayBuffer()), name: part.name, mimeType: part.type || "application/octet-stream" };
}

/** The body, or "too large" beyond `maxBytes` (read to its end all the same, up to a bound, so the client hears the answer). */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | "too large"> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(request, maxBytes * 2 + 1024 * 1024);
    return "too large";
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) {
      await discard(request, maxBytes * 2 + 1024 * 1024 - length);
      return "too large";
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** Reads what is left of a refused body into nothing (so the client reads the answer); beyond `limit` bytes the connection is cut. */
async function discard(request: IncomingMessage, limit = 200 * 1024 * 1024): Promise<void> {
  if (request.readableEnded) return;
  let left = limit;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    left -= chunk.length;
    if (left < 0) {
      request.socket.destroy();
      return;
    }
  }
}

async function answerDownload(request: IncomingMessage, response: ServerResponse, input: Parameters<typeof openFileDownload>[0]): Promise<void> {
  const file = await openFileDownload(input);
  const inline = inlineTypes.test(file.mimeType);
  const { range } = file;
  response.writeHead(range ? 206 : 200, {
    ...crossOrigin,
    "content-type": file.mimeType,
    "content-length": range ? range.end - range.start + 1 : file.size,
    "accept-ranges": "bytes",
    ...(range && { "content-range": `bytes ${range.start}-${range.end}/${file.size}` }),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    // Uploaded content never runs as a page of this origin (the console's).
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "cross-origin-resource-policy": "cross-origin",
    "cache-control": `private, max-age=${Math.max(0, Math.floor((file.expiresAt - Date.now()) / 1000))}`,
  });
  if (request.method === "HEAD") {
    file.body.destroy();
    return void response.end();
  }
  await pipeline(file.body, response);
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...crossOrigin, "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

function decodeHeader(value: string | string[] | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
