// Password hashing with argon2id (@node-rs/argon2, maintained, prebuilt).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A readable random password (no 0/O/1/l), for the first admin. */
export function randomPassword(length = 16): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** The minimum the console accepts for a new password. */
export function passwordProblem(password: string): string | null {
  return password.length < 10 ? "密码至少需要 10 个字符。" : null;
}
