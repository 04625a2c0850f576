import { describe, expect, it } from "vitest";
import { checkFileUrl, signFileUrl, useFileUrlKey, withFileUrls } from "./file-urls";

useFileUrlKey("test-key");
const fileId = "AAAAAAAAAAAAAAAAAAAAAA";
const queryOf = (url: string) => new URL(url, "http://x").searchParams;

describe("signed file URLs", () => {
  it("are valid for their path until they expire, an expiry shared by the URLs of a few minutes", () => {
    const now = Date.UTC(2026, 11, 7, 12, 0, 10);
    const { url, expiresAt } = signFileUrl({ fileId, now });
    expect(url).toMatch(/^\/files\/A{22}\?expires=\d+&signature=[\w-]{43}$/);
    expect(signFileUrl({ fileId, now: now + 60_000 }).url).toBe(url);
    expect(expiresAt).toBeGreaterThanOrEqual(now + 3600_000);
    const query = queryOf(url);
    const check = (path: string, at = now) => checkFileUrl({ path, expires: query.get("expires"), signature: query.get("signature"), now: at });
    expect(check(`/files/${fileId}`)).toBe("valid");
    expect(check(`/files/${fileId}/thumbnail`)).toBe("forged");
    expect(check(`/files/BBBBBBBBBBBBBBBBBBBBBB`)).toBe("forged");
    expect(check(`/files/${fileId}`, expiresAt + 1)).toBe("expired");
    expect(checkFileUrl({ path: `/files/${fileId}`, expires: String(Number(query.get("expires")) + 300), signature: query.get("signature") })).toBe("forged");
    expect(checkFileUrl({ path: `/files/${fileId}`, expires: null, signature: null })).toBe("forged");
  });

  it("are added to the content of file-carrying message types only", () => {
    expect(withFileUrls("RC:ImgMsg", { fileId })).toEqual({ fileId, url: expect.stringMatching(/^\/files\/A{22}\?/), thumbnailUrl: expect.stringMatching(/^\/files\/A{22}\/thumbnail\?/) });
    expect(Object.keys(withFileUrls("RC:FileMsg", { fileId, name: "a.pdf", url: "https://stale" }))).toEqual(["fileId", "name", "url"]);
    expect(withFileUrls("RC:FileMsg", { fileId, url: "https://stale" }).url).not.toBe("https://stale");
    const text = { content: "hi", fileId };
    expect(withFileUrls("RC:TxtMsg", text)).toBe(text);
    const foreign = { fileId: "../../etc/passwd" };
    expect(withFileUrls("RC:FileMsg", foreign)).toBe(foreign);
  });
});
