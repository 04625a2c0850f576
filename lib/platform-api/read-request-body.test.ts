import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ChatError } from "../chat/base/errors";
import { maxBodyBytes, parseRequestBody, readBodyText } from "./read-request-body";

/** A body arriving in 64 KB chunks, as a socket hands it over, with no length said beforehand. */
async function* streamed(bytes: number): AsyncGenerator<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  for (let sent = 0; sent < bytes; sent += chunk.byteLength) yield chunk;
}

describe("reading request bodies", () => {
  it("parses JSON bodies of JSON endpoints", async () => {
    expect(parseRequestBody('{"userId":"a"}', "application/json", "json")).toEqual({ userId: "a" });
  });

  it("turns form bodies into an object of strings, repeated keys into lists", async () => {
    expect(parseRequestBody("userId=a%20b&name=N", "application/x-www-form-urlencoded; charset=utf-8", "form")).toEqual({ userId: "a b", name: "N" });
    expect(parseRequestBody("userId=a&userId=b&minute=5", "application/x-www-form-urlencoded", "form")).toEqual({ userId: ["a", "b"], minute: "5" });
  });

  it.each([
    { body: "userId=a", contentType: "application/x-www-form-urlencoded", kind: "json" as const, error: "This endpoint takes a JSON body (Content-Type: application/json)" },
    { body: '{"userId":"a"}', contentType: "application/json", kind: "form" as const, error: "This endpoint takes a form body (Content-Type: application/x-www-form-urlencoded)" },
    { body: "{oops", contentType: "application/json", kind: "json" as const, error: "The body is not valid JSON" },
  ])("refuses $body as $kind", ({ body, contentType, kind, error }) => {
    expect(() => parseRequestBody(body, contentType, kind)).toThrow(new ChatError("invalidBody", error));
  });

  it("reads a body arriving in pieces, a character split between two", async () => {
    const text = '{"name":"Zoë"}';
    const bytes = Buffer.from(text);
    const split = bytes.indexOf(0xc3) + 1;
    expect(await readBodyText(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]))).toBe(text);
    expect(await readBodyText(Readable.from([bytes]))).toBe(text);
  });

  it("stops reading a body past the limit even without a Content-Length", async () => {
    await expect(readBodyText(Readable.from(streamed(maxBodyBytes + 64 * 1024)))).rejects.toEqual(new ChatError("payloadTooLarge", "Request body exceeds 512 KB"));
  });
});
