import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

/** bcrypt cost: about 0.1 s per hash here, slow enough to make guessing expensive. */
const cost = 11;
export const minPasswordLength = 8;

export const hashPassword = (password: string) => bcrypt.hash(password, cost);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** 18 characters of base64url: about 108 bits. */
export const generatePassword = () => randomBytes(14).toString("base64url").slice(0, 18);
