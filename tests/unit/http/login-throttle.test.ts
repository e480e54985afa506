// Login throttling on the in-memory twin with a clock the test moves; the Redis run of the
// same rules is in tests/integration/staff-security-postgres.test.ts.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../adapters/http/auth/passwords.js";
import { createLoginThrottle } from "../../../adapters/http/auth/login-throttle.js";
import { createStaffAuth, DUMMY_PASSWORD_HASH } from "../../../adapters/http/auth/staff-auth.js";
import { MemoryStore } from "../../../adapters/store/memory-store.js";
import type { StaffRepository } from "../../../queue/ports.js";

function clockedStore() {
  let now = Date.parse("2026-03-01T08:00:00Z");
  return { store: new MemoryStore(() => now), advance: (seconds: number) => void (now += seconds * 1000) };
}

const options = { maxFailures: 40, windowSeconds: 900, lockSeconds: 600 };

describe("login throttle", () => {
  it("locks a user name on the 40th wrong password, from any address, and lifts after the cool-off", async () => {
    const { store, advance } = clockedStore();
    const throttle = createLoginThrottle(store, options);
    for (let i = 1; i < 40; i++) expect(await throttle.recordFailure("wang", `10.0.0.${i}`)).toEqual({ locked: false });
    expect(await throttle.recordFailure("wang", "10.0.0.40")).toEqual({ locked: true, retryAfterSeconds: 600 });
    expect(await throttle.check(" WANG ", "10.9.9.9")).toMatchObject({ locked: true });
    expect(await throttle.check("li", "10.9.9.9")).toEqual({ locked: false });
    advance(300);
    expect(await throttle.check("wang", "10.9.9.9")).toEqual({ locked: true, retryAfterSeconds: 300 });
    advance(301);
    expect(await throttle.check("wang", "10.9.9.9")).toEqual({ locked: false });
    // A fresh count after the lockout: one more failure does not lock again.
    expect(await throttle.recordFailure("wang", "10.9.9.9")).toEqual({ locked: false });
  });

  it("locks an address that tries many user names", async () => {
    const { store } = clockedStore();
    const throttle = createLoginThrottle(store, options);
    for (let i = 1; i < 40; i++) await throttle.recordFailure(`user${i}`, "203.0.113.7");
    expect(await throttle.recordFailure("user40", "203.0.113.7")).toMatchObject({ locked: true });
    expect(await throttle.check("someone-else", "203.0.113.7")).toMatchObject({ locked: true });
    expect(await throttle.check("someone-else", "198.51.100.1")).toEqual({ locked: false });
  });

  it("forgets failures older than the window and clears a user's count on success", async () => {
    const { store, advance } = clockedStore();
    const throttle = createLoginThrottle(store, options);
    for (let i = 0; i < 39; i++) await throttle.recordFailure("wang", "a");
    advance(901);
    expect(await throttle.recordFailure("wang", "b")).toEqual({ locked: false });
    for (let i = 0; i < 30; i++) await throttle.recordFailure("li", `c${i}`);
    await throttle.recordSuccess("li");
    for (let i = 0; i < 30; i++) expect(await throttle.recordFailure("li", `d${i}`)).toEqual({ locked: false });
  });
});

describe("staff auth settings", () => {
  const staff = {} as StaffRepository;
  it("sets Secure cookies in production or behind an https PUBLIC_URL", () => {
    const store = new MemoryStore();
    expect(createStaffAuth(staff, store, { env: "production" }).secureCookies).toBe(true);
    expect(createStaffAuth(staff, store, { env: "development", publicUrl: "https://yizhan.example.gov.cn" }).secureCookies).toBe(true);
    expect(createStaffAuth(staff, store, { env: "development", publicUrl: "http://127.0.0.1:3000" }).secureCookies).toBe(false);
  });

  it("verifies unknown users against a dummy hash made with the same argon2 parameters", async () => {
    const real = await hashPassword("correct horse battery");
    const params = (h: string) => h.split("$").slice(1, 4).join("$");
    expect(params(DUMMY_PASSWORD_HASH)).toBe(params(real));
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, "correct horse battery")).toBe(false);
  });
});
