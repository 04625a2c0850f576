import { parseArgs } from "node:util";
import { closeBus, openBus } from "../bus";
import { getInstallationId } from "../chat/products/installation";
import { rotateEncryptionKey } from "../chat/base/apps/app-secrets-at-rest";
import { createApp } from "../chat/base/apps/create-app";
import { findAppId, findApps } from "../chat/base/apps/find-apps";
import { rotateAppSecret } from "../chat/base/apps/rotate-app-secret";
import { getAppSettingsByKey, updateAppSettings } from "../chat/base/apps/app-settings";
import { addWebhookEndpoint, findWebhookDeliveries, redeliverWebhook, removeWebhookEndpoint } from "../chat/products/webhooks";
import { appEnvironments } from "../chat/base/apps/app-view";
import { ChatError, parseInput } from "../chat/base/errors";
import { createOperator, generatePassword, operatorRoleSchema, resetOperatorPassword } from "../chat/products/operators";
import type { AppEnvironment } from "../contract";
import { db } from "../db/client";
import { backupSqlite, restoreSqlite } from "../db/backup";
import { applyMigrations } from "../db/migrate";
import { env } from "../env";

const usage = `Usage: switchboard <command> [options]   (the database is DATABASE_URL, as for the server)

  apps create --name NAME [--env development|production] [--json]
  apps list [--json]
  apps rotate-secret --app APPKEY [--grace-hours 24] [--json]
  apps settings get --app APPKEY [--json]
  apps settings set --app APPKEY name=value ... [--json]
  webhooks list --app APPKEY [--json]
  webhooks add --app APPKEY --url URL [--events a,b] [--style v4|legacy] [--json]   (no --events: every event)
  webhooks remove --app APPKEY --url URL [--json]
  webhooks log --app APPKEY [--status pending|delivered|failed] [--limit 20] [--json]
  webhooks redeliver --app APPKEY --id DELIVERY_ID
  operators create --email EMAIL [--password PASSWORD] [--name NAME] [--role owner|admin|viewer] [--json]
  operators reset-password --email EMAIL [--password PASSWORD] [--json]
  secrets rotate-key [--json]     seals every secret again with SWITCHBOARD_ENCRYPTION_KEY; SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY is the old key
  db migrate
  db backup --out FILE [--json]          a consistent copy of the embedded database, taken while servers run
  db restore --from FILE [--force] [--json]   the backup in place of the embedded database (every server stopped)
`;

const options = {
  name: { type: "string" },
  env: { type: "string" },
  app: { type: "string" },
  "grace-hours": { type: "string" },
  url: { type: "string" },
  events: { type: "string" },
  status: { type: "string" },
  style: { type: "string" },
  limit: { type: "string" },
  id: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  role: { type: "string" },
  out: { type: "string" },
  from: { type: "string" },
  force: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"];

function required(flags: Flags, name: "name" | "app" | "email" | "url" | "id" | "out" | "from"): string {
  const value = flags[name];
  if (!value) throw new ChatError("invalidParameter", `--${name} is required`);
  return value;
}

/** Prints `value` as JSON with --json, else as the given lines. */
function print(flags: Flags, value: unknown, lines: string[]) {
  process.stdout.write((flags.json ? JSON.stringify(value, null, 2) : lines.join("\n")) + "\n");
}

/** One `name=value` line per setting; lists and objects as JSON, as `apps settings set` takes them. */
const settingLines = (settings: Record<string, unknown>) =>
  Object.entries(settings).map(([name, value]) => `${name}=${typeof value === "object" ? JSON.stringify(value) : value}`);

const endpointLines = (endpoints: { url: string; events: string[]; style: string }[]) =>
  endpoints.length
    ? endpoints.map((endpoint) => `${endpoint.url}  ${endpoint.style}  ${endpoint.events.length ? endpoint.events.join(",") : "every event"}`)
    : ["No webhook endpoints."];

const deliveryLine = (delivery: Awaited<ReturnType<typeof findWebhookDeliveries>>[number]) => {
  const last = delivery.attemptLog.at(-1);
  const outcome = last ? `${last.statusCode ?? last.error} in ${last.latencyMs} ms` : "not tried yet";
  return `${delivery.createdAt}  ${delivery.id}  ${delivery.eventType}  ${delivery.status}  ${delivery.attemptLog.length} attempt(s), last: ${outcome}  ${delivery.endpointUrl}`;
};

/** Each command gets the flags and the positional words after its own name. */
const commands: Record<string, (flags: Flags, positionals: string[]) => Promise<void>> = {
  "apps create": async (flags) => {
    const environment = (flags.env ?? "development") as AppEnvironment;
    if (!appEnvironments.includes(environment)) throw new ChatError("invalidParameter", "--env must be development or production");
    const app = await createApp({ name: required(flags, "name"), environment });
    print(flags, app, [`Created ${app.name} (${app.environment})`, `App Key:    ${app.appKey}`, `App Secret: ${app.appSecret}`]);
  },
  "apps list": async (flags) => {
    const apps = await findApps();
    print(flags, apps, apps.length ? apps.map((app) => `${app.appKey}  ${app.environment.padEnd(11)}  ${app.name}`) : ["No apps yet."]);
  },
  "apps rotate-secret": async (flags) => {
    const graceHours = flags["grace-hours"] === undefined ? undefined : Number(flags["grace-hours"]);
    const app = await rotateAppSecret({ appKey: required(flags, "app"), graceHours });
    print(flags, app, [`New App Secret: ${app.appSecret}`, `The previous secret verifies until ${app.previousSecretExpiresAt ?? "now (no grace period)"}`]);
  },
  "apps settings get": async (flags) => {
    const settings = await getAppSettingsByKey(required(flags, "app"));
    print(flags, settings, settingLines(settings));
  },
  "apps settings set": async (flags, positionals) => {
    const changes = Object.fromEntries(
      positionals.map((pair) => {
        const separator = pair.indexOf("=");
        if (separator < 1) throw new ChatError("invalidParameter", `${pair} is not name=value`);
        return [pair.slice(0, separator), pair.slice(separator + 1)];
      }),
    );
    if (Object.keys(changes).length === 0) throw new ChatError("invalidParameter", "name=value pairs are required");
    const settings = await updateAppSettings({ appKey: required(flags, "app"), changes });
    print(flags, settings, settingLines(settings));
  },
  "webhooks list": async (flags) => {
    const endpoints = (await getAppSettingsByKey(required(flags, "app"))).webhookEndpoints;
    print(flags, endpoints, endpointLines(endpoints));
  },
  "webhooks add": async (flags) => {
    const events = flags.events ? flags.events.split(",").map((event) => event.trim()) : [];
    const endpoints = await addWebhookEndpoint({ appKey: required(flags, "app"), url: required(flags, "url"), events, style: flags.style });
    print(flags, endpoints, endpointLines(endpoints));
  },
  "webhooks remove": async (flags) => {
    const endpoints = await removeWebhookEndpoint({ appKey: required(flags, "app"), url: required(flags, "url") });
    print(flags, endpoints, endpointLines(endpoints));
  },
  "webhooks log": async (flags) => {
    const appId = await findAppId(required(flags, "app"));
    const deliveries = await findWebhookDeliveries({ appId, status: flags.status, limit: flags.limit === undefined ? undefined : Number(flags.limit) });
    print(flags, deliveries, deliveries.length ? deliveries.map(deliveryLine) : ["No webhook deliveries."]);
  },
  "webhooks redeliver": async (flags) => {
    await redeliverWebhook({ appId: await findAppId(required(flags, "app")), deliveryId: required(flags, "id") });
    print(flags, { ok: true }, [`Delivery ${flags.id} is queued again.`]);
  },
  "operators create": async (flags) => {
    const password = flags.password ?? generatePassword();
    const role = parseInput(operatorRoleSchema, flags.role ?? "admin");
    const operator = await createOperator({ email: required(flags, "email"), password, name: flags.name, role });
    print(flags, { ...operator, password }, [`Created operator ${operator.email} (${operator.role}) with password ${password}`]);
  },
  "operators reset-password": async (flags) => {
    const password = flags.password ?? generatePassword();
    const email = required(flags, "email");
    await resetOperatorPassword({ email, password });
    print(flags, { email, password }, [`New password of ${email}: ${password}`]);
  },
  "secrets rotate-key": async (flags) => {
    const rotation = await rotateEncryptionKey();
    print(flags, rotation, [`Every secret is sealed with the new key (${rotation.rowsRewritten} app row(s) rewritten): SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY can go.`]);
  },
  "db backup": async (flags) => {
    const backup = backupSqlite(env.DATABASE_URL, required(flags, "out"));
    print(flags, backup, [`Backed up to ${backup.file} (${backup.bytes} bytes).`]);
  },
  "db restore": async (flags) => {
    const restored = restoreSqlite(env.DATABASE_URL, required(flags, "from"), { replace: flags.force });
    print(flags, restored, [`Restored ${restored.file}: start Switchboard on it.`]);
  },
  "db migrate": async (flags) => {
    const applied = await applyMigrations(env.DATABASE_URL);
    print(flags, { applied }, [applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date."]);
  },
};

const fileCommands = new Set([commands["db backup"], commands["db restore"]]);

async function main() {
  const { values: flags, positionals } = parseArgs({ options, allowPositionals: true });
  const length = positionals[1] === "settings" ? 3 : 2;
  const command = commands[positionals.slice(0, length).join(" ")];
  if (flags.help || !command) {
    process.stdout.write(usage);
    process.exitCode = flags.help || positionals.length === 0 ? 0 : 2;
    return;
  }
  // Backup and restore work on the database file as it is; every other command on a migrated database and the bus.
  if (!fileCommands.has(command)) {
    await applyMigrations(env.DATABASE_URL);
    openBus(env.SWITCHBOARD_BUS_PREFIX ?? (await getInstallationId()));
  }
  await command(flags, positionals.slice(length));
}

try {
  await main();
} catch (error) {
  process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await closeBus();
  await db.$disconnect();
}
