import { describe, expect, it } from "vitest";
import { appSettingsSchema } from "@/lib/chat/base/apps/app-settings";
import { settingGroups } from "./setting-groups";

describe("the settings page's groups", () => {
  it("show every setting once, but the webhook endpoints (their own page)", () => {
    const shown = settingGroups.flatMap((group) => group.fields.map((field) => field.name));
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort()).toEqual(Object.keys(appSettingsSchema.shape).filter((name) => name !== "webhookEndpoints").sort());
  });
});
