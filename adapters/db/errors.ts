/** The database could not be reached or migrated; the message is for people. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(
    readonly database: string,
    override readonly cause: unknown,
  ) {
    super(`无法连接或迁移数据库（${database}）：${describeCause(cause)}`);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return describeCause(cause.errors[0]);
  }
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const firstLine = cause.message.split("\n")[0] ?? "";
    return typeof code === "string" && !firstLine.includes(code) ? `${code} ${firstLine}` : firstLine;
  }
  return String(cause);
}
