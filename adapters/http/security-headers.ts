// Security headers on every response: a strict Content-Security-Policy (no inline code but
// the pages' own script and style blocks, allowed by their SHA-256), no framing, nosniff,
// and a referrer policy that keeps the Origin header on same-origin posts (no-referrer
// would make browsers send "Origin: null" and the origin check refuse the console's forms).
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { CHAT_PAGE } from "../webchat/page.js";
import { CONSOLE_INLINE } from "./console/layout.js";

export interface InlineBlocks {
  scripts: readonly string[];
  styles: readonly string[];
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The bodies of a page's attribute-less inline <script> and <style> elements, as the browser hashes them. */
export function inlineBlocksOf(page: string): InlineBlocks {
  const bodies = (tag: string) => [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((m) => m[1]!);
  return { scripts: bodies("script"), styles: bodies("style") };
}

/** The CSP sources for these inline blocks. */
export function inlineSources(blocks: InlineBlocks[]): { scripts: string[]; styles: string[] } {
  const unique = (texts: string[]) => [...new Set(texts.map(sha256))];
  return { scripts: unique(blocks.flatMap((b) => b.scripts)), styles: unique(blocks.flatMap((b) => b.styles)) };
}

/** The pages this server renders: the resident's web chat and the staff console. */
export const PAGE_INLINE_BLOCKS: InlineBlocks[] = [inlineBlocksOf(CHAT_PAGE), CONSOLE_INLINE];

export function securityHeaders(blocks: InlineBlocks[] = PAGE_INLINE_BLOCKS): MiddlewareHandler {
  const inline = inlineSources(blocks);
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...inline.scripts],
      styleSrc: ["'self'", ...inline.styles],
      imgSrc: ["'self'", "data:"],
      // 'self' covers the chat's WebSocket (ws/wss on the same host) and the console's live updates.
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: true,
    referrerPolicy: "same-origin",
    crossOriginEmbedderPolicy: false,
  });
}
