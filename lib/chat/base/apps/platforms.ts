import { z } from "zod";

/**
 * The platform categories of concurrent logins: a user may be online on one device of each
 * (setting `sessionsPerPlatform` allows more). Here, beside the settings, because a setting names them.
 */
export const platforms = ["mobile", "web", "desktop", "miniProgram"] as const;
export type Platform = (typeof platforms)[number];
export const platformSchema = z.enum(platforms, { error: `platform must be one of ${platforms.join(", ")}` });
