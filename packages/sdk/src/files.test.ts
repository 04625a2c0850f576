import { describe, expect, it } from "vitest";
import type { FileUploadView } from "../../../lib/contract/index.js";
import { fileMessage, httpAddressOf } from "./files.js";

const upload = (fields: Partial<FileUploadView>): FileUploadView => ({
  fileId: "AAAAAAAAAAAAAAAAAAAAAA",
  name: "file",
  mimeType: "application/octet-stream",
  size: 10,
  url: "/files/AAAAAAAAAAAAAAAAAAAAAA?expires=1&signature=x",
  expiresAt: 1,
  ...fields,
});

describe("a file message", () => {
  it.each([
    ["image/png", "RC:ImgMsg"],
    ["image/gif", "RC:GIFMsg"],
    ["image/svg+xml", "RC:ImgMsg"],
    ["audio/ogg", "RC:HQVCMsg"],
    ["video/mp4", "RC:SightMsg"],
    ["application/pdf", "RC:FileMsg"],
    ["text/plain", "RC:FileMsg"],
  ])("of a %s file is an %s", (mimeType, messageType) => {
    expect(fileMessage(upload({ mimeType })).messageType).toBe(messageType);
  });

  it("carries the file's id, name and size, an image's dimensions, and no URL", () => {
    expect(fileMessage(upload({ name: "cat.png", mimeType: "image/png", size: 2048, width: 640, height: 480, thumbnailUrl: "/files/x/thumbnail" }))).toEqual({
      messageType: "RC:ImgMsg",
      content: { fileId: "AAAAAAAAAAAAAAAAAAAAAA", name: "cat.png", size: 2048, width: 640, height: 480 },
    });
  });

  it("names a file's type by its extension, as file messages do", () => {
    expect(fileMessage(upload({ name: "Q3 Report.PDF", mimeType: "application/pdf" })).content).toEqual({ fileId: "AAAAAAAAAAAAAAAAAAAAAA", name: "Q3 Report.PDF", size: 10, type: "pdf" });
    expect(fileMessage(upload({ name: "README", mimeType: "text/plain" })).content).not.toHaveProperty("type");
  });

  it("takes a message type, a duration for voice and video, and fields of the app's own", () => {
    expect(fileMessage(upload({ mimeType: "audio/amr" }), { messageType: "RC:VcMsg", duration: 7, content: { caption: "listen" } })).toEqual({
      messageType: "RC:VcMsg",
      content: { fileId: "AAAAAAAAAAAAAAAAAAAAAA", name: "file", size: 10, duration: 7, caption: "listen" },
    });
    expect(fileMessage(upload({ mimeType: "image/png", width: 1, height: 1 }), { messageType: "RC:FileMsg", duration: 3 }).content).toEqual({ fileId: "AAAAAAAAAAAAAAAAAAAAAA", name: "file", size: 10 });
  });
});

describe("the server's HTTP address", () => {
  it.each([
    ["ws://localhost:3000/connection/websocket", "http://localhost:3000"],
    ["wss://chat.example.com/connection/websocket", "https://chat.example.com"],
    ["wss://chat.example.com:8443/connection/websocket?x=1", "https://chat.example.com:8443"],
  ])("of %s is %s", (url, address) => {
    expect(httpAddressOf(url)).toBe(address);
  });
});
