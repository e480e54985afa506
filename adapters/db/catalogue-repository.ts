// Keeps the database's copy of the catalogue (categories, agencies, services) in
// step with the knowledge files. Entries that leave the catalogue are marked
// inactive, never deleted, so cases that cite them stay valid.
import type { PrismaClient } from "./generated/client.js";
import type { AgencyPresence, Domain } from "./generated/enums.js";

interface Named {
  id: string;
  name: { zh: string; en: string };
  description: string;
}

export interface CatalogueInput {
  categories: readonly Named[];
  agencies: readonly (Named & { presence: AgencyPresence })[];
  services: readonly (Named & { categoryId: string; domains: readonly Domain[]; agencyIds: readonly string[] })[];
}

export interface SyncReport {
  categories: number;
  agencies: number;
  services: number;
  deactivated: { categories: number; agencies: number; services: number };
}

export async function syncCatalogue(prisma: PrismaClient, catalogue: CatalogueInput): Promise<SyncReport> {
  return prisma.$transaction(
    async (tx) => {
      for (const c of catalogue.categories) {
        const data = { nameZh: c.name.zh, nameEn: c.name.en, description: c.description, active: true };
        await tx.category.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
      }
      for (const a of catalogue.agencies) {
        const data = { nameZh: a.name.zh, nameEn: a.name.en, description: a.description, presence: a.presence, active: true };
        await tx.agency.upsert({ where: { id: a.id }, create: { id: a.id, ...data }, update: data });
      }
      for (const s of catalogue.services) {
        const data = {
          categoryId: s.categoryId,
          nameZh: s.name.zh,
          nameEn: s.name.en,
          description: s.description,
          domains: [...s.domains],
          active: true,
        };
        await tx.service.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
        await tx.serviceAgency.deleteMany({ where: { serviceId: s.id } });
        await tx.serviceAgency.createMany({ data: s.agencyIds.map((agencyId) => ({ serviceId: s.id, agencyId })) });
      }
      const keep = (items: readonly { id: string }[]) => ({ id: { notIn: items.map((i) => i.id) }, active: true });
      const services = await tx.service.updateMany({ where: keep(catalogue.services), data: { active: false } });
      const categories = await tx.category.updateMany({ where: keep(catalogue.categories), data: { active: false } });
      const agencies = await tx.agency.updateMany({ where: keep(catalogue.agencies), data: { active: false } });
      return {
        categories: catalogue.categories.length,
        agencies: catalogue.agencies.length,
        services: catalogue.services.length,
        deactivated: { categories: categories.count, agencies: agencies.count, services: services.count },
      };
    },
    { timeout: 60_000 },
  );
}

export interface StoredService {
  id: string;
  nameZh: string;
  categoryId: string;
  domains: Domain[];
  agencyIds: string[];
  active: boolean;
}

export async function listServices(prisma: PrismaClient, options: { activeOnly?: boolean } = {}): Promise<StoredService[]> {
  const rows = await prisma.service.findMany({
    where: options.activeOnly ? { active: true } : {},
    include: { agencies: { select: { agencyId: true }, orderBy: { agencyId: "asc" } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    nameZh: r.nameZh,
    categoryId: r.categoryId,
    domains: r.domains,
    agencyIds: r.agencies.map((a) => a.agencyId),
    active: r.active,
  }));
}
