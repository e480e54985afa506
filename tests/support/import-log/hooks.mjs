// Module resolve hook: appends every resolved URL to the file named by YIZHAN_IMPORT_LOG.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.YIZHAN_IMPORT_LOG) appendFileSync(process.env.YIZHAN_IMPORT_LOG, `${resolved.url}\n`);
  return resolved;
}
