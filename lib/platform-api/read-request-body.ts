import type { Readable } from "node:stream";
import { ChatError, parseJsonInput } from "../chat/base/errors";

/** Largest request body. Message content is capped lower (128 KB) by the core, with its own error. */
export const maxBodyBytes = 512 * 1024;

export const bodyTooLarge = () => new ChatError("payloadTooLarge", `Request body exceeds ${maxBodyBytes / 1024} KB`);

/**
 * The body as the endpoint takes it: parsed JSON, or a form's fields as an object whose
 * repeated keys hold lists (`userId=a&userId=b` → `{userId: ["a", "b"]}`).
 */
export function parseRequestBody(text: string, contentType: string, kind: "json" | "form"): unknown {
  const isForm = contentType.includes("application/x-www-form-urlencoded");
  if (kind === "json" && isForm) throw new ChatError("invalidBody", "This endpoint takes a JSON body (Content-Type: application/json)");
  if (kind === "form" && !isForm) {
    throw new ChatError("invalidBody", "This endpoint takes a form body (Content-Type: application/x-www-form-urlencoded)");
  }
  if (kind === "form") return formFields(new URLSearchParams(text));
  return parseJsonInput(text, "The body", () => new ChatError("invalidBody", "The body is not valid JSON"));
}

/**
 * Reads the body as text, stopping as soon as it exceeds the limit whatever Content-Length
 * said (what is left unread, Node's server discards after the answer). Listeners rather than
 * `for await`: an async iterator a request cost ~2 % of a user read's CPU.
 */
export function readBodyText(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBodyBytes) return void chunks.push(chunk);
      body.off("data", onData);
      body.pause();
      reject(bodyTooLarge());
    };
    body.on("data", onData);
    body.once("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    body.once("error", reject);
  });
}

function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}
