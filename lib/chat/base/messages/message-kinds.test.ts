import { describe, expect, it } from "vitest";
import { appSettingsSchema } from "../apps/app-settings";
import { messageKind } from "./message-kinds";

const settings = appSettingsSchema.parse({ customMessageTypes: [{ name: "App:Poll", persisted: true, counted: false }, { name: "App:Cursor", persisted: false, counted: false }] });

describe("messageKind", () => {
  it("knows built-in content, notice and status types", () => {
    expect(messageKind(settings, "RC:ImgMsg")).toEqual({ persisted: true, counted: true });
    expect(messageKind(settings, "RC:GrpNtf")).toEqual({ persisted: true, counted: false });
    expect(messageKind(settings, "RC:TypSts")).toEqual({ persisted: false, counted: false });
  });

  it("uses an app's registered types and counts unregistered ones as ordinary messages", () => {
    expect(messageKind(settings, "App:Poll")).toEqual({ persisted: true, counted: false });
    expect(messageKind(settings, "App:Cursor")).toEqual({ persisted: false, counted: false });
    expect(messageKind(settings, "App:Other")).toEqual({ persisted: true, counted: true });
  });

  it("refuses RC: names it does not know", () => {
    expect(() => messageKind(settings, "RC:Mine")).toThrow("RC: names are reserved");
  });

  it("refuses registrations with reserved or overlong names", () => {
    expect(appSettingsSchema.safeParse({ customMessageTypes: [{ name: "RC:Mine", persisted: true, counted: true }] }).success).toBe(false);
    expect(appSettingsSchema.safeParse({ customMessageTypes: [{ name: "x".repeat(33), persisted: true, counted: true }] }).success).toBe(false);
  });
});
