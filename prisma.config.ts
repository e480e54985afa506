// Configuration for the Prisma CLI (`prisma generate`, and `prisma migrate deploy`
// where Prisma's native schema engine can be downloaded). Yizhan itself applies the
// same prisma/migrations folder at start through the WebAssembly schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/yizhan" },
});
