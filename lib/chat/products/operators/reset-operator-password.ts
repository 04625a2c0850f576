import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkPassword, normalizeEmail } from "./create-operator";
import { hashPassword } from "./operator-password";

export async function resetOperatorPassword(input: { email: string; password: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  checkPassword(input.password);
  const { count } = await db.operator.updateMany({ where: { email }, data: { passwordHash: await hashPassword(input.password) } });
  if (count === 0) throw new ChatError("notFound", `No operator has the email ${email}`);
}
