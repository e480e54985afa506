// On the embedded default (no DATABASE_URL), the first start creates an admin account
// with a random password, printed once. Never when any staff account exists.
import type { StaffRepository } from "../../queue/ports.js";
import { hashPassword, randomPassword } from "../http/auth/passwords.js";

export async function ensureFirstAdmin(
  staff: StaffRepository,
  embedded: boolean,
): Promise<{ username: string; password: string } | null> {
  if (!embedded || (await staff.count()) > 0) return null;
  const password = randomPassword();
  await staff.create({ username: "admin", displayName: "系统管理员", passwordHash: await hashPassword(password), role: "admin", townshipId: null });
  return { username: "admin", password };
}
