// The Switchboard process: Next.js (console, Platform API) and the WebSocket gateway on one port.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { closeBus, getBus, openBus } from "./lib/bus";
import { saveUsage, tidyUsage } from "./lib/chat/base/analytics/usage-jobs";
import { sealAppSecretsAtRest } from "./lib/chat/base/apps/app-secrets-at-rest";
import { closeApnsSessions, drainPushQueue, pushQueueDepth } from "./lib/chat/products/push";
import { flushApiRequestLog, pruneApiRequestLog } from "./lib/platform-api/request-log";
import { getMessageWriter } from "./lib/chat/base/messages/message-writer";
import { removeInactiveChannels } from "./lib/chat/products/conversations";
import { deleteExpiredMessages } from "./lib/chat/messages/delete-expired-messages";
import { finishIdleStreams } from "./lib/chat/messages/stream-messages";
import { sweepOpenChannels } from "./lib/chat/products/open-channels";
import { sweepTemporaryChannels } from "./lib/chat/products/temporary-channels";
import { countPendingWebhooks, deliverDueWebhooks, pruneWebhookDeliveries } from "./lib/chat/products/webhooks";
import { getInstallationId, getInstallationSecret } from "./lib/chat/products/installation";
import { useFileUrlKey } from "./lib/chat/base/files/file-urls";
import { deleteUnusedFiles } from "./lib/chat/products/files";
import { ensureFirstOperator } from "./lib/chat/products/operators";
import { db, sqlConnectionOf } from "./lib/db/client";
import { applyMigrations } from "./lib/db/migrate";
import { clientAddress } from "./lib/client-address";
import { databaseProvider, env } from "./lib/env";
import { createGateway } from "./lib/gateway/gateway";
import { handlesPlatformApi, servePlatformApi } from "./lib/platform-api/http-handler";
import { handlesFiles, serveFiles } from "./lib/platform-api/file-http-handler";
import { describeError, log } from "./lib/log";
import { metrics } from "./lib/metrics";
import { healthPaths, isDraining, markDraining, markMigrated, serveHealth } from "./lib/operations/health";
import { metricsPath, serveMetrics } from "./lib/operations/metrics-endpoint";
import { startRepeatingTask } from "./lib/repeating-task";

/** How often each node writes the Platform API calls it answered to the request log. */
const requestLogFlushMs = 1000;
/** How often each node looks for webhook deliveries that are due. */
const webhookPollMs = 500;
/** How often each node writes its usage counts for analytics (and reports its connections). */
const usageSaveMs = 2000;
/** On shutdown, how long API calls under way get to finish. */
const inFlightGraceMs = 10_000;

async function main() {
  // This process's writes reach its caches in-process; it only watches for other processes' (the CLI's).
  sqlConnectionOf(db).serving();
  const applied = await applyMigrations(env.DATABASE_URL);
  if (applied.length > 0) log.info("applied migrations", { migrations: applied });
  markMigrated();
  openBus(env.SWITCHBOARD_BUS_PREFIX ?? (await getInstallationId()));
  await sealAppSecretsAtRest();
  // Every node signs and checks file download URLs with the same key (Next's route handlers read it from globalThis).
  useFileUrlKey(await getInstallationSecret("file-url-key"));
  const firstOperator = await ensureFirstOperator({ email: env.SWITCHBOARD_ADMIN_EMAIL, password: env.SWITCHBOARD_ADMIN_PASSWORD });

  const dev = env.NODE_ENV !== "production";
  // Next attaches its upgrade listener (HMR in development) to the server it is given, on its
  // first request. Given the real one, it would also see each gateway upgrade: a route
  // resolution, and an AbortController and listeners kept on the socket for the connection's
  // life. It gets a server that never listens, to which only the other upgrades are passed on.
  const nextUpgrades = createServer();
  const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer: nextUpgrades });
  await app.prepare();
  const handle = app.getRequestHandler();
  const gateway = createGateway();
  Object.assign(metrics.measuredAtScrape, { connections: gateway.connectionsByPlatform, webhookOutboxDepth: countPendingWebhooks, pushQueueDepth });

  const server = createServer((request, response) => {
    // Handlers cannot see the socket: hand them the client's address as a trusted proxy would.
    request.headers["x-forwarded-for"] = clientAddress(request);
    // Draining: each answer ends its connection, so a balancer's kept-alive ones are gone before the port closes.
    if (isDraining()) response.setHeader("connection", "close");
    const path = request.url?.split("?", 1)[0] ?? "/";
    if (healthPaths.has(path)) void serveHealth(path, request, response);
    else if (path === metricsPath) void serveMetrics(request, response);
    // The Platform API is served before Next, whose per-request pipeline would cap it (ARCHITECTURE.md).
    else if (handlesPlatformApi(request)) void servePlatformApi(request, response);
    // Uploads and downloads too: a file streams through Node's own request and response.
    else if (handlesFiles(path)) void serveFiles(request, response);
    else void handle(request, response);
  });
  server.on("upgrade", (request, socket, head) => {
    if (gateway.handles(request)) gateway.upgrade(request, socket, head);
    else nextUpgrades.emit("upgrade", request, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const sweepIntervalMs = env.SWITCHBOARD_SWEEP_INTERVAL_SECONDS * 1000;
  const sweeper = startRepeatingTask("open channel sweep", () => sweepOpenChannels(), sweepIntervalMs);
  const temporarySweeper = startRepeatingTask("temporary conversation sweep", () => sweepTemporaryChannels(), sweepIntervalMs);
  const usageSaver = startRepeatingTask("saving usage", saveUsage, usageSaveMs);
  const usageTidier = startRepeatingTask("usage roll-up", () => tidyUsage(), sweepIntervalMs);
  const webhookWorker = startRepeatingTask("webhook delivery", () => deliverDueWebhooks(), webhookPollMs);
  const webhookPruner = startRepeatingTask("webhook outbox clean-up", () => pruneWebhookDeliveries(), sweepIntervalMs);
  const requestLogWriter = startRepeatingTask("request log", flushApiRequestLog, requestLogFlushMs);
  const requestLogPruner = startRepeatingTask("request log clean-up", () => pruneApiRequestLog(), sweepIntervalMs);
  const historyRetention = startRepeatingTask("history retention", () => deleteExpiredMessages(), sweepIntervalMs);
  const fileCleanup = startRepeatingTask("unused files", async () => void (await deleteUnusedFiles()), sweepIntervalMs);
  const conversationLifecycle = startRepeatingTask("inactive conversations", () => removeInactiveChannels(), sweepIntervalMs);
  const streamTimeouts = startRepeatingTask("idle message streams", () => finishIdleStreams(), (env.SWITCHBOARD_STREAM_TIMEOUT_SECONDS * 1000) / 5);
  const { port } = server.address() as AddressInfo;
  printBanner({ port, dev, firstOperator });

  let stopping: Promise<void> | null = null;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      markDraining();
      // SIGTERM is a planned stop (a deploy, a scale-in): serve on while balancers see /readyz fail.
      if (signal === "SIGTERM" && env.SWITCHBOARD_DRAIN_SECONDS > 0) {
        log.info("draining", { seconds: env.SWITCHBOARD_DRAIN_SECONDS });
        await new Promise((resolve) => setTimeout(resolve, env.SWITCHBOARD_DRAIN_SECONDS * 1000));
      }
      log.info("shutting down", { signal });
      const serverClosed = new Promise((resolve) => server.close(resolve));
      await gateway.close();
      // API calls under way finish; a connection still open after that is cut.
      await Promise.race([serverClosed, new Promise((resolve) => setTimeout(resolve, inFlightGraceMs))]);
      server.closeAllConnections();
      await Promise.all([sweeper.stop(), temporarySweeper.stop(), usageSaver.stop(), usageTidier.stop(), webhookWorker.stop(), webhookPruner.stop(), requestLogWriter.stop(), requestLogPruner.stop(), historyRetention.stop(), fileCleanup.stop(), conversationLifecycle.stop(), streamTimeouts.stop()]);
      await getMessageWriter().drain();
      await drainPushQueue(5000);
      closeApnsSessions();
      await saveUsage();
      await flushApiRequestLog();
      await closeBus();
      await db.$disconnect();
      await app.close();
      process.exit(0);
    })().catch((error) => {
      log.error("shutdown failed", describeError(error));
      process.exit(1);
    }));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function printBanner(input: { port: number; dev: boolean; firstOperator: Awaited<ReturnType<typeof ensureFirstOperator>> }) {
  const url = env.NEXTAUTH_URL ?? `http://localhost:${input.port}/`;
  const lines = [
    `Switchboard is running: console at ${url}`,
    `  mode: ${input.dev ? "development" : "production"}, database: ${databaseProvider}, bus: ${getBus().driver}`,
    `  Platform API: ${url.replace(/\/$/, "")}/v4/...   WebSocket gateway: ws://localhost:${input.port}/connection/websocket`,
  ];
  if (input.firstOperator) {
    lines.push(`  Sign in as ${input.firstOperator.email} with password ${input.firstOperator.generated ? input.firstOperator.password : "from SWITCHBOARD_ADMIN_PASSWORD"}`);
    if (input.firstOperator.generated) lines.push("  (shown once; change it with: npx switchboard operators reset-password --email <email> --password <new>)");
  } else {
    lines.push("  Sign in with your operator account (forgot it? npx switchboard operators reset-password --email <email> --password <new>)");
  }
  process.stdout.write(lines.join("\n") + "\n");
}

// A failed promise somewhere must not take every connection down with the process.
process.on("unhandledRejection", (error) => log.error("unhandled rejection", describeError(error)));
// When the process reading our output dies, a write fails with EPIPE: unhandled, the error
// reaches Next's uncaughtException logger, whose write fails again, without end (a core at 100 %).
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

main().catch((error) => {
  log.error("Switchboard failed to start", describeError(error));
  process.exit(1);
});
