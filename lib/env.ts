import path from "node:path";
import { z } from "zod";

/**
 * The one reader of process.env. Every variable is documented in README.md;
 * the defaults run Switchboard embedded: a SQLite file under ./data and the in-process bus.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./data/switchboard.db"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://").optional(),
  SWITCHBOARD_ADMIN_EMAIL: z.email().optional(),
  SWITCHBOARD_ADMIN_PASSWORD: z.string().min(8, "SWITCHBOARD_ADMIN_PASSWORD needs at least 8 characters").optional(),
  /** Signs console sessions. Unset: a generated key kept in the database, shared by all nodes. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Seals app secrets at rest (AES-256-GCM): 32 random bytes as hex. Unset: stored as they are. */
  SWITCHBOARD_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "SWITCHBOARD_ENCRYPTION_KEY must be 64 hexadecimal characters (32 random bytes: openssl rand -hex 32)")
    .optional(),
  /** During a key rotation, the key being replaced: it still opens what it sealed (switchboard secrets rotate-key). */
  SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY must be 64 hexadecimal characters, the key being replaced")
    .optional(),
  /** Public URL of the console, used in printed links and next-auth callbacks. */
  NEXTAUTH_URL: z.url().optional(),
  /** Seconds between the gateway's pings; a client silent for two intervals is disconnected. */
  SWITCHBOARD_PING_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /** How often each node removes timed-out open-channel participants, destroys expired open channels, deletes expired temporary conversations and saves its counts. */
  SWITCHBOARD_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Seconds a node counts as alive after renewing its lease (every quarter of that): once a killed node's lease ran out, the others send its connections' will messages. */
  SWITCHBOARD_NODE_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(20),
  /** Seconds a streamed message may wait for its next chunk; then it is stored as it stands (checked every fifth of that). */
  SWITCHBOARD_STREAM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client; unset, the peer's own address is the client's. */
  SWITCHBOARD_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean))
    .refine((entries) => entries.every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry)), "SWITCHBOARD_TRUSTED_PROXIES must list IP addresses or CIDR ranges, comma-separated"),
  /** Gateway connections one address may hold before they authenticate, per node; more are refused with HTTP 429 before the handshake. */
  SWITCHBOARD_MAX_PENDING_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** WebSocket connections one address may open a second, per node; more are refused with HTTP 429 before the handshake. */
  SWITCHBOARD_MAX_CONNECTS_PER_SECOND_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** Sessions one user may hold: one per platform category, and this many browser sessions with multi-device sync; a newer login closes the oldest beyond it (4501). */
  SWITCHBOARD_MAX_WEB_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  /** Bearer token that GET /metrics asks for; unset, /metrics answers 404. */
  SWITCHBOARD_METRICS_TOKEN: z.string().min(16, "SWITCHBOARD_METRICS_TOKEN must have at least 16 characters (openssl rand -hex 16)").optional(),
  /** Prefix of this installation's Redis keys and channels; unset, an id kept in the database. Installations sharing a Redis need different ones. */
  SWITCHBOARD_BUS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "SWITCHBOARD_BUS_PREFIX must be 1 to 64 letters, digits, '-' or '_'")
    .optional(),
  /** On SIGTERM, seconds the node keeps serving while /readyz answers 503, so balancers move new work away first. */
  SWITCHBOARD_DRAIN_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  /** Where uploaded files are kept on the embedded default: unset, a "files" folder beside the SQLite file (./data/files on PostgreSQL). Ignored when SWITCHBOARD_S3_BUCKET is set. */
  SWITCHBOARD_FILES_DIR: z.string().min(1).optional(),
  /** Keeps uploaded files in this S3 bucket instead of on the local disk: needed when several nodes serve one installation. */
  SWITCHBOARD_S3_BUCKET: z.string().min(1).optional(),
  /** The S3-compatible service's URL (MinIO, Ceph, R2, ...); unset, AWS's own endpoint for the region. */
  SWITCHBOARD_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "SWITCHBOARD_S3_ENDPOINT must be an http(s) URL" }).optional(),
  SWITCHBOARD_S3_REGION: z.string().min(1).default("us-east-1"),
  /** Unset, the AWS SDK's own credential chain (instance roles, ~/.aws, AWS_* variables). */
  SWITCHBOARD_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  SWITCHBOARD_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address the bucket in the path (http://host/bucket/key), as most S3-compatible servers want; unset, true when SWITCHBOARD_S3_ENDPOINT is set. */
  SWITCHBOARD_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).transform((value) => value === "true").optional(),
  /** Seconds a signed file download URL stays valid after it was handed out (uploads, history, sync, live messages). */
  SWITCHBOARD_FILE_URL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export const env: Env = load();

export const databaseProvider = env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";

/** The SQLite file path of a `file:` URL, relative paths taken from the working directory. */
export function sqliteFilePath(url: string = env.DATABASE_URL): string {
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

/** The folder that keeps uploaded files on the local disk (see SWITCHBOARD_FILES_DIR). */
export function filesDirectory(): string {
  if (env.SWITCHBOARD_FILES_DIR) return path.resolve(env.SWITCHBOARD_FILES_DIR);
  return databaseProvider === "sqlite" ? path.join(path.dirname(sqliteFilePath()), "files") : path.resolve("data", "files");
}
