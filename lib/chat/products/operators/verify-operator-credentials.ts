import { getBus } from "../../../bus";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { verifyPassword } from "./operator-password";

/**
 * Failed sign-ins allowed per window, counted on the bus (so on every node): few for one
 * account from one address (guessing a password), more for one address over all accounts
 * (trying many). Only failures count, so operators who sign in often are never slowed.
 */
const failureWindowMs = 15 * 60_000;
const failureLimits = { accountFromAddress: 5, address: 30 };

/**
 * The operator whose email and password these are, or null. Throws `rateLimited`, without
 * looking at the password, once the caller failed too often in the current window.
 */
export async function verifyOperatorCredentials(input: { email: string; password: string; ip: string }) {
  const email = input.email.trim().toLowerCase();
  const counters = [
    { key: `sign-in-failures:${input.ip}:${email}`, limit: failureLimits.accountFromAddress },
    { key: `sign-in-failures:${input.ip}`, limit: failureLimits.address },
  ];
  const bus = getBus();
  // A cost of 0 reads a counter: it stays within limit - 1 while another failure is allowed.
  const answers = await Promise.all(counters.map(({ key, limit }) => bus.consumeRate(key, 0, [{ limit: limit - 1, ms: failureWindowMs }])));
  if (answers.some((answer) => !answer.allowed)) throw new ChatError("rateLimited", "Too many failed sign-ins from this address: wait up to 15 minutes, then try again");

  const operator = await db.operator.findUnique({ where: { email } });
  if (!operator || !(await verifyPassword(input.password, operator.passwordHash))) {
    await Promise.all(counters.map(({ key, limit }) => bus.consumeRate(key, 1, [{ limit, ms: failureWindowMs }])));
    return null;
  }
  return { id: operator.id, email: operator.email, name: operator.name, role: operator.role };
}
