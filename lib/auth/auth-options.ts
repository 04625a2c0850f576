import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getInstallationSecret } from "../chat/products/installation";
import { verifyOperatorCredentials } from "../chat/products/operators";
import { ChatError } from "../chat/base/errors";
import { env } from "../env";
import { authLogger } from "./auth-logger";
import { signInErrors } from "./sign-in-errors";

/** Sessions last a working day; after that the operator signs in again. */
const sessionMaxAgeSeconds = 12 * 60 * 60;

// Bounds keep a hostile form from making bcrypt hash megabytes.
const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

let authOptions: Promise<AuthOptions> | undefined;

/**
 * next-auth's options, built once per module instance: without NEXTAUTH_SECRET the
 * session key is the installation secret in the database, the same on every node.
 */
export function getAuthOptions(): Promise<AuthOptions> {
  authOptions ??= buildAuthOptions().catch((error: unknown) => {
    authOptions = undefined;
    throw error;
  });
  return authOptions;
}

async function buildAuthOptions(): Promise<AuthOptions> {
  return {
    secret: env.NEXTAUTH_SECRET ?? (await getInstallationSecret("console-session-secret")),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: authLogger,
    providers: [
      CredentialsProvider({
        name: "Operator",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: async (credentials, request) => {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          // server.ts sets X-Forwarded-For to the peer when no proxy did.
          const ip = String(request.headers?.["x-forwarded-for"] ?? "").split(",")[0]!.trim();
          try {
            return await verifyOperatorCredentials({ ...parsed.data, ip });
          } catch (error) {
            // next-auth hands a thrown error's message to the form as its error code.
            if (error instanceof ChatError && error.kind === "rateLimited") throw new Error(signInErrors.tooManyFailures);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // The operator's id travels as the JWT subject (next-auth sets `sub` from the user's id).
      session: ({ session, token }) => ({ ...session, operatorId: token.sub }),
    },
  };
}
