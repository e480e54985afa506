// SessionBackup over Prisma: one row per unfinished conversation, replaced on every saved turn.
import type { SessionBackup } from "../intake/session-backup.js";
import type { PrismaClient } from "./generated/client.js";

export function createPrismaSessionBackup(prisma: PrismaClient): SessionBackup {
  return {
    async save(residentKey, raw, stage, expiresAt) {
      const row = { raw, stage, expiresAt, updatedAt: new Date() };
      await prisma.intakeSessionBackup.upsert({ where: { residentKey }, create: { residentKey, ...row }, update: row });
    },
    async load(residentKey, now = new Date()) {
      const row = await prisma.intakeSessionBackup.findFirst({ where: { residentKey, expiresAt: { gt: now } }, select: { raw: true } });
      return row?.raw ?? null;
    },
    async delete(residentKey) {
      await prisma.intakeSessionBackup.deleteMany({ where: { residentKey } });
    },
    async waitingToFile(now = new Date()) {
      const rows = await prisma.intakeSessionBackup.findMany({ where: { stage: "filing", expiresAt: { gt: now } }, select: { residentKey: true } });
      return rows.map((r) => r.residentKey);
    },
    async prune(now = new Date()) {
      return (await prisma.intakeSessionBackup.deleteMany({ where: { expiresAt: { lte: now } } })).count;
    },
  };
}
