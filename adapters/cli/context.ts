import { loadConfig, type Config } from "../config.js";

/** What every command receives: the configuration (read on first use) and outputs. */
export interface CliContext {
  config(): Config;
  out(text: string): void;
  err(text: string): void;
}

export function createCliContext(env: Record<string, string | undefined> = process.env): CliContext {
  let config: Config | undefined;
  return {
    config: () => (config ??= loadConfig(env)),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}
