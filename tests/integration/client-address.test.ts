// Per-address limits need the real client address: the socket's, or behind a trusted reverse
// proxy (TRUST_PROXY) the left-most X-Forwarded-For address. The staff login throttle uses the rule.
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { addressFrom, clientAddress } from "../../adapters/http/client-address.js";
import { createStaffAuth, logIn } from "../../adapters/http/auth/staff-auth.js";
import { listen } from "../../adapters/http/server.js";
import { MemoryStore } from "../../adapters/store/memory-store.js";
import type { StaffRepository } from "../../queue/ports.js";

const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

describe("client address", () => {
  it("is the socket's remote address when served by Node, and unknown in app.request", async () => {
    const app = new Hono();
    app.get("/who", (c) => c.text(clientAddress(c) ?? "unknown"));
    expect(await (await app.request("/who")).text()).toBe("unknown");
    const running = await listen(app, { host: "127.0.0.1", port: 0 });
    try {
      expect(await (await fetch(`${running.url}/who`)).text()).toMatch(LOOPBACK);
    } finally {
      await running.close(1_000);
    }
  });

  it("takes the left-most X-Forwarded-For address only when the proxy is trusted", async () => {
    const app = new Hono();
    app.get("/trusted", (c) => c.text(clientAddress(c, true) ?? "unknown"));
    app.get("/direct", (c) => c.text(clientAddress(c, false) ?? "unknown"));
    const running = await listen(app, { host: "127.0.0.1", port: 0 });
    const headers = { "x-forwarded-for": "203.0.113.9, 10.0.0.2" };
    try {
      expect(await (await fetch(`${running.url}/trusted`, { headers })).text()).toBe("203.0.113.9");
      expect(await (await fetch(`${running.url}/direct`, { headers })).text()).toMatch(LOOPBACK);
      // Not an address: the socket's, not whatever the header says.
      expect(await (await fetch(`${running.url}/trusted`, { headers: { "x-forwarded-for": "evil, 10.0.0.2" } })).text()).toMatch(LOOPBACK);
    } finally {
      await running.close(1_000);
    }
  });

  it("the rule on its own", () => {
    expect(addressFrom("2001:db8::7 , 10.0.0.2", "10.0.0.2", true)).toBe("2001:db8::7");
    expect(addressFrom(undefined, "10.0.0.2", true)).toBe("10.0.0.2");
    expect(addressFrom("203.0.113.9", "10.0.0.2", false)).toBe("10.0.0.2");
    expect(addressFrom("203.0.113.9", undefined, false)).toBeUndefined();
  });

  it("the staff login throttle counts per forwarded address behind a trusted proxy, per socket otherwise", async () => {
    const staff = { findByUsername: async () => null } as unknown as StaffRepository;
    const throttle = { maxFailures: 3, windowSeconds: 900, lockSeconds: 600 };
    const store = new MemoryStore();
    const app = new Hono();
    for (const trustProxy of [true, false]) {
      const auth = createStaffAuth(staff, store, { env: "test", throttle, trustProxy });
      app.post(`/login-${trustProxy}`, async (c) => {
        const result = await logIn(auth, c, (await c.req.text()) || "nobody", "wrong password");
        return c.text(result.ok ? "ok" : result.reason);
      });
    }
    const running = await listen(app, { host: "127.0.0.1", port: 0 });
    const attempt = (path: string, forwardedFor: string, username: string) =>
      fetch(`${running.url}${path}`, { method: "POST", headers: { "x-forwarded-for": forwardedFor }, body: username }).then((r) => r.text());
    try {
      // Three user names from one forwarded address lock that address, not another one.
      for (const name of ["a1", "a2"]) expect(await attempt("/login-true", "203.0.113.9", name)).toBe("invalid");
      expect(await attempt("/login-true", "203.0.113.9", "a3")).toBe("locked");
      expect(await attempt("/login-true", "198.51.100.7", "b1")).toBe("invalid");
      // Not trusted: the header does not matter, every attempt is the socket's (127.0.0.1).
      for (const [i, name] of ["c1", "c2"].entries()) expect(await attempt("/login-false", `192.0.2.${i}`, name)).toBe("invalid");
      expect(await attempt("/login-false", "192.0.2.99", "c3")).toBe("locked");
    } finally {
      await running.close(1_000);
      await store.close();
    }
  });
});
