import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getOperator, type SessionOperator } from "../chat/products/operators";
import { getAuthOptions } from "./auth-options";

/**
 * The operator signed in on this request, or null. A session whose operator has been
 * removed counts as signed out. Cached per request: layouts and pages share one lookup.
 */
export const getSessionOperator = cache(async (): Promise<SessionOperator | null> => {
  // Marks the caller as per-request before the database is touched, so `next build` never prerenders it.
  await connection();
  const session = await getServerSession(await getAuthOptions());
  return session?.operatorId ? getOperator({ id: session.operatorId }) : null;
});

/**
 * For console pages and layouts: the signed-in operator; anyone else goes to /sign-in.
 * Every page calls it, not only the layout: client navigation does not re-render layouts.
 */
export async function requireOperator(): Promise<SessionOperator> {
  const operator = await getSessionOperator();
  if (!operator) redirect("/sign-in");
  return operator;
}
