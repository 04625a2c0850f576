import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { consoleSettingsView, getAppSettings, patchAppSettings } from "@/lib/chat/base/apps/app-settings";

export const GET = consoleRoute({ app: true }, async ({ app }) => consoleSettingsView(await getAppSettings(app.id)));

/** A partial object of typed values; the settings' own schema checks them. */
const changes = z.record(z.string(), z.unknown(), { error: "the body is an object of settings and their new values" });

export const PATCH = consoleRoute({ app: true, body: changes, audit: "settings.update" }, async ({ app, body }) => consoleSettingsView(await patchAppSettings(app.id, body)));
