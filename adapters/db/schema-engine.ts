// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter.
// Prisma's CLI normally downloads a native engine binary; machines without that
// download route still migrate through this build, and the migrations folder it
// reads and the `_prisma_migrations` table it fills are the ones `prisma migrate
// deploy` uses, so both routes stay interchangeable.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

let instantiated: Promise<void> | undefined;

/** Instantiates the engine's WebAssembly module once per process (it is 5 MB). */
function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bytes = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": wasmBindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    wasmBindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return instantiated;
}

export interface SchemaFile {
  path: string;
  content: string;
}

/** Opens a schema engine over a driver adapter factory; free() it when done. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: SchemaFile,
): Promise<SchemaEngine> {
  await instantiateWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  // The engine reports progress through this callback; the CLI prints it, we do not.
  const ignoreEngineLog = () => undefined;
  return wasmBindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    ignoreEngineLog,
    adapter,
  );
}
