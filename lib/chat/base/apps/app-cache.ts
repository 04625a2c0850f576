import { db } from "../../../db/client";
import { createCache } from "../cache";

/** Apps by App Key, for the signature check and token verification on the hot path. */
export const appCache = createCache({
  name: "app",
  maxEntries: 10_000,
  ttlMs: 2000,
  load: (appKey) => db.app.findUnique({ where: { key: appKey } }),
});
