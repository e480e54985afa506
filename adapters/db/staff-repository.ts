// Staff accounts over Prisma.
import type { PrismaClient, Staff } from "./generated/client.js";
import type { StaffRecord, StaffRepository } from "../../queue/ports.js";

function toRecord(row: Staff): StaffRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    role: row.role,
    townshipId: row.townshipId,
    active: row.active,
  };
}

export function createPrismaStaffRepository(prisma: PrismaClient): StaffRepository {
  return {
    async create(input) {
      return toRecord(await prisma.staff.create({ data: input }));
    },
    async findByUsername(username) {
      const row = await prisma.staff.findUnique({ where: { username } });
      return row ? toRecord(row) : null;
    },
    async findById(id) {
      const row = await prisma.staff.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },
    async list() {
      return (await prisma.staff.findMany({ orderBy: { createdAt: "asc" } })).map(toRecord);
    },
    count: () => prisma.staff.count(),
  };
}
