import type { LoggerInstance } from "next-auth";
import { describeError, log } from "../log";

/** next-auth's messages in Switchboard's structured log. */
export const authLogger: LoggerInstance = {
  warn: (code) => {
    // Deliberate: without NEXTAUTH_URL the console works on any host because it never
    // follows next-auth's redirects (see the sign-in form).
    if (code !== "NEXTAUTH_URL") log.warn("next-auth warning", { code });
  },
  error: (code, metadata) => {
    const error = metadata instanceof Error ? metadata : metadata.error;
    // A forged, corrupted or outdated session cookie is the visitor's problem, not a server fault.
    if (code === "JWT_SESSION_ERROR") log.warn("console session refused", { code, error: error?.message });
    else log.error("next-auth error", { code, ...describeError(error) });
  },
  debug: (code, metadata) => log.debug("next-auth debug", { code, metadata }),
};
