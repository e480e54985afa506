// The login throttle's per-address count needs the real client address from Node's socket.
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { clientAddress } from "../../adapters/http/auth/staff-auth.js";
import { listen } from "../../adapters/http/server.js";

describe("client address", () => {
  it("is the socket's remote address when served by Node, and 'unknown' in app.request", async () => {
    const app = new Hono();
    app.get("/who", (c) => c.text(clientAddress(c)));
    expect(await (await app.request("/who")).text()).toBe("unknown");
    const running = await listen(app, { host: "127.0.0.1", port: 0 });
    try {
      expect(await (await fetch(`${running.url}/who`)).text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      await running.close(1_000);
    }
  });
});
