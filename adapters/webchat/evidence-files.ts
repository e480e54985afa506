/**
 * Photos and files residents send from the web chat, kept as evidence under DATA_DIR/evidence:
 * one file per content (named by its SHA-256, so a retried upload is stored once), written to a
 * temporary name and renamed (never half a file). The type is read from the bytes, not from the
 * name or the browser's claim: JPEG, PNG, WebP, GIF and PDF only.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const EVIDENCE_TYPES = {
  jpg: { mime: "image/jpeg", file: "photo" },
  png: { mime: "image/png", file: "photo" },
  webp: { mime: "image/webp", file: "photo" },
  gif: { mime: "image/gif", file: "photo" },
  pdf: { mime: "application/pdf", file: "document" },
} as const;
export type EvidenceExt = keyof typeof EVIDENCE_TYPES;

/** The prefix of a web chat evidence ref, e.g. "webfile:3f…a9.jpg". */
export const WEB_EVIDENCE_PREFIX = "webfile:";
const REF = /^webfile:([0-9a-f]{64})\.(jpg|png|webp|gif|pdf)$/;

/** @example sniffType(pngBytes) → "png"; unknown content → null */
export function sniffType(bytes: Uint8Array): EvidenceExt | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return "jpg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  if (starts([0x47, 0x49, 0x46, 0x38])) return "gif";
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  return null;
}

export type SavedEvidence = { ok: true; ref: string; file: "photo" | "document" } | { ok: false; reason: "type" };

/** @example evidenceDir("/var/lib/yizhan") → "/var/lib/yizhan/evidence" */
export function evidenceDir(dataDir: string): string {
  return join(dataDir, "evidence");
}

export class EvidenceFiles {
  constructor(private readonly dir: string) {}

  /** Stores the bytes when their type is allowed; the size is checked by the route before. */
  async save(bytes: Uint8Array): Promise<SavedEvidence> {
    const ext = sniffType(bytes);
    if (!ext) return { ok: false, reason: "type" };
    const name = `${createHash("sha256").update(bytes).digest("hex")}.${ext}`;
    const path = join(this.dir, name);
    const exists = await stat(path).then(() => true, () => false);
    if (!exists) {
      await mkdir(this.dir, { recursive: true });
      const temp = `${path}.${process.pid}.${Date.now()}.part`;
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    return { ok: true, ref: `${WEB_EVIDENCE_PREFIX}${name}`, file: EVIDENCE_TYPES[ext].file };
  }

  /** The stored bytes of a web chat ref, or null (another channel's ref, or gone). */
  async open(ref: string): Promise<{ bytes: Buffer; mime: string } | null> {
    const m = REF.exec(ref);
    if (!m) return null;
    const bytes = await readFile(join(this.dir, `${m[1]}.${m[2]}`)).catch(() => null);
    return bytes ? { bytes, mime: EVIDENCE_TYPES[m[2] as EvidenceExt].mime } : null;
  }
}
