import { describe, expect, it } from "vitest";
import type { StoredFileView } from "@/lib/contract";
import { formatDuration, formatSize, messageBody, summarize, thumbnailSource } from "./message-body";

const body = (messageType: string, content: unknown) => messageBody({ messageType, content: typeof content === "string" ? content : JSON.stringify(content) });
const jpeg = "/9j/4AAQSkZJRgABAQAAAQABAAD";

describe("messageBody reads each kind by its fields", () => {
  it.each([
    ["RC:TxtMsg", { content: "hello" }, { kind: "text", text: "hello" }],
    ["RC:ImgMsg", { content: jpeg, imageUri: "https://cdn.example/a.png" }, { kind: "image", thumbnail: `data:image/jpeg;base64,${jpeg}`, url: "https://cdn.example/a.png", animated: false }],
    ["RC:GIFMsg", { remoteUrl: "https://cdn.example/a.gif", width: 10 }, { kind: "image", thumbnail: null, url: "https://cdn.example/a.gif", animated: true }],
    ["RC:HQVCMsg", { remoteUrl: "https://cdn.example/v.aac", duration: 7 }, { kind: "voice", durationSeconds: 7, url: "https://cdn.example/v.aac" }],
    ["RC:VcMsg", { content: "AMRBASE64", duration: "12" }, { kind: "voice", durationSeconds: 12, url: null }],
    [
      "RC:SightMsg",
      { sightUrl: "https://cdn.example/v.mp4", content: jpeg, duration: 65, name: "clip.mp4", size: 2048 },
      { kind: "video", durationSeconds: 65, thumbnail: `data:image/jpeg;base64,${jpeg}`, url: "https://cdn.example/v.mp4", name: "clip.mp4", sizeBytes: 2048 },
    ],
    ["RC:FileMsg", { name: "report.pdf", size: 1536, type: "pdf", fileUrl: "https://cdn.example/r.pdf" }, { kind: "file", name: "report.pdf", sizeBytes: 1536, fileType: "pdf", url: "https://cdn.example/r.pdf" }],
    ["RC:LBSMsg", { latitude: 48.85, longitude: 2.35, poi: "Paris" }, { kind: "location", latitude: 48.85, longitude: 2.35, place: "Paris", thumbnail: null }],
    [
      "RC:ReferenceMsg",
      { content: "agreed", referMsgUserId: "ann", objName: "RC:TxtMsg", referMsg: { content: "lunch?" } },
      { kind: "quote", text: "agreed", quoted: { userId: "ann", messageType: "RC:TxtMsg", summary: "lunch?" } },
    ],
    ["RC:GrpNtf", { operation: "Add", operatorUserId: "ann", data: { targetUserIds: ["bob", "cat"] } }, { kind: "notice", text: "ann added bob, cat" }],
    ["RC:GrpNtf", { operation: "Create", operatorUserId: "ann", data: { name: "Crew", targetUserIds: ["bob"] } }, { kind: "notice", text: "ann created the group “Crew” with bob" }],
    ["RC:GrpNtf", { operation: "Kicked", operatorUserId: "ann", data: { targetUserIds: ["bob"] } }, { kind: "notice", text: "ann removed bob" }],
    ["app:Poll", { title: "Where?" }, { kind: "other", text: "Where?" }],
  ])("%s", (messageType, content, expected) => {
    expect(body(messageType, content)).toEqual(expected);
  });

  it("shows content that is not a JSON object as stored, and never links a script URL", () => {
    expect(body("RC:TxtMsg", "not json")).toEqual({ kind: "other", text: "not json" });
    expect(body("RC:FileMsg", { name: "x", fileUrl: "javascript:alert(1)" })).toMatchObject({ kind: "file", url: null });
    expect(body("RC:ImgMsg", { imageUri: "javascript:alert(1)", content: "<svg>" })).toMatchObject({ url: null, thumbnail: null });
  });

  it("quotes of other kinds read as their summary", () => {
    const quote = body("RC:ReferenceMsg", { content: "nice", objName: "RC:FileMsg", referMsg: JSON.stringify({ name: "a.zip", size: 3 }) });
    expect(quote).toMatchObject({ quoted: { summary: "[File] a.zip" } });
  });
});

describe("formats", () => {
  it("durations as m:ss and sizes in binary units", () => {
    expect([formatDuration(7), formatDuration(65), formatDuration(600)]).toEqual(["0:07", "1:05", "10:00"]);
    expect([formatSize(512), formatSize(1536), formatSize(10 * 1024 * 1024), formatSize(3 * 1024 ** 3)]).toEqual(["512 B", "1.5 KB", "10 MB", "3.0 GB"]);
  });

  it("summaries name the kind", () => {
    expect(summarize(body("RC:HQVCMsg", { duration: 9 }))).toBe("[Voice 0:09]");
    expect(thumbnailSource("short")).toBeNull();
  });
});

describe("messageBody shows uploaded files through the URLs the server signed", () => {
  const file: StoredFileView = { fileId: "AAAAAAAAAAAAAAAAAAAAAA", name: "beach.png", mimeType: "image/png", size: 4096, width: 800, height: 600, url: "/files/AAAAAAAAAAAAAAAAAAAAAA?expires=1&signature=s", thumbnailUrl: "/files/AAAAAAAAAAAAAAAAAAAAAA/thumbnail?expires=1&signature=t" };
  const withFile = (messageType: string, content: unknown, stored: StoredFileView = file) => messageBody({ messageType, content: JSON.stringify(content), file: stored });

  it("an image by its thumbnail, opened at its URL", () => {
    expect(withFile("RC:ImgMsg", { fileId: file.fileId })).toEqual({ kind: "image", thumbnail: file.thumbnailUrl, url: file.url, animated: false });
  });

  it("a file by its stored name and size unless the content names them", () => {
    const pdf = { ...file, name: "Q3.pdf", mimeType: "application/pdf", thumbnailUrl: undefined };
    expect(withFile("RC:FileMsg", { fileId: file.fileId }, pdf)).toEqual({ kind: "file", name: "Q3.pdf", sizeBytes: 4096, fileType: "application/pdf", url: file.url });
    expect(withFile("RC:FileMsg", { fileId: file.fileId, name: "report.pdf", size: 10 }, pdf)).toMatchObject({ name: "report.pdf", sizeBytes: 10 });
  });

  it("a voice note at its URL", () => {
    expect(withFile("RC:HQVCMsg", { fileId: file.fileId, duration: 4 })).toEqual({ kind: "voice", durationSeconds: 4, url: file.url });
  });
});
