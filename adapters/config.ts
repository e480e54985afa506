// The only module that reads process.env. Everything else receives a Config.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

function urlWithProtocols(protocols: string[], example: string) {
  return optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `应为 ${example} 形式的地址` },
  );
}

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["", "0", "false", "no", "off"];

/** A yes/no setting: true/false, 1/0, yes/no, on/off (empty is no). */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => TRUE_WORDS.includes(value) || FALSE_WORDS.includes(value), { message: "应为 true 或 false（也可写 1 或 0）" })
  .transform((value) => TRUE_WORDS.includes(value))
  .default(false);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  // 0 asks the system for a free port (used by tests).
  PORT: z.coerce
    .number({ message: "应为 0–65535 之间的整数" })
    .int("应为 0–65535 之间的整数")
    .min(0, "应为 0–65535 之间的整数")
    .max(65535, "应为 0–65535 之间的整数")
    .default(3000),
  DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgresql://用户@主机:5432/库名"),
  DATABASE_POOL_SIZE: z.coerce.number({ message: "应为 1–100 之间的整数" }).int("应为 1–100 之间的整数").min(1, "应为 1–100 之间的整数").max(100, "应为 1–100 之间的整数").default(10),
  REDIS_URL: urlWithProtocols(["redis:", "rediss:"], "redis://主机:6379"),
  DATA_DIR: z.string().trim().min(1).default(".yizhan"),
  KNOWLEDGE_DIR: optionalText,
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `应为 ${LOG_LEVELS.join("、")} 之一` }).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"], { message: "应为 json 或 pretty" }).optional(),
  PUBLIC_URL: urlWithProtocols(["http:", "https:"], "https://yizhan.example.gov.cn"),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_STAFF_CHAT_ID: optionalText,
  // A self-hosted Bot API server (or a fake one in tests); grammY's default otherwise.
  TELEGRAM_API_ROOT: urlWithProtocols(["http:", "https:"], "https://api.telegram.org"),
  // A group robot's webhook (企业微信 or 钉钉 群机器人): urgent alerts for staff, e.g. a red case
  // that could not be filed. Holds the robot's key, so it is never echoed back.
  ALERT_WEBHOOK_URL: urlWithProtocols(["http:", "https:"], "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number({ message: "应为字节数" }).int("应为字节数").min(1024, "至少 1024 字节").default(1024 * 1024),
  // Files residents send from the web chat (photos, PDF): the largest one accepted.
  UPLOAD_LIMIT_BYTES: z.coerce.number({ message: "应为字节数" }).int("应为字节数").min(1024, "至少 1024 字节").default(10 * 1024 * 1024),
  // The centre's own number, shown as a tappable link on the web chat.
  CENTRE_PHONE: optionalText.refine((v) => v === undefined || /^\+?[0-9][0-9 -]{2,19}$/.test(v), "应为电话号码，如 0912-1234567"),
  BENCH_DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgresql://用户@主机:5432/库名"),
  TEST_DATABASE_URL: urlWithProtocols(["postgres:", "postgresql:"], "postgresql://用户@主机:5432/库名"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ message: "应为毫秒数" }).int().min(0).default(10_000),
  // Only behind a reverse proxy that sets X-Forwarded-For: otherwise any client could name its own address.
  TRUST_PROXY: flag,
  // An optional second reader: any OpenAI-compatible chat endpoint (DeepSeek, Qwen, vLLM, Ollama…). Off when unset.
  LLM_BASE_URL: urlWithProtocols(["http:", "https:"], "http://127.0.0.1:8000/v1"),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  // The whole budget of one reading (a retry included); the offline answer stands after it.
  LLM_TIMEOUT_MS: z.coerce.number({ message: "应为 100–60000 之间的毫秒数" }).int("应为 100–60000 之间的毫秒数").min(100, "应为 100–60000 之间的毫秒数").max(60_000, "应为 100–60000 之间的毫秒数").default(2000),
  // Tokens (prompt + completion) the LLM may use per calendar month (China time); 0: no cap.
  LLM_MONTHLY_TOKEN_CAP: z.coerce.number({ message: "应为非负整数" }).int("应为非负整数").min(0, "应为非负整数").default(0),
  // A folder with an ONNX sentence-embedding model (config.json, tokenizer.json, onnx/model*.onnx).
  // Unset: the embeddings reader is off and never loaded.
  EMBEDDINGS_MODEL_DIR: optionalText.refine((v) => v === undefined || (existsSync(v) && statSync(v).isDirectory()), "应为已存在的模型文件夹（含 config.json、tokenizer.json 和 onnx/model.onnx）"),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** PostgreSQL connections each process keeps open (ignored by the embedded PGlite). */
  databasePoolSize: number;
  redisUrl: string | undefined;
  /** Absolute path of the folder for embedded data (PGlite files, trained models). */
  dataDir: string;
  knowledgeDir: string | undefined;
  log: { level: (typeof LOG_LEVELS)[number]; format: "json" | "pretty" };
  publicUrl: string | undefined;
  telegram: {
    token: string | undefined;
    webhookSecret: string | undefined;
    staffChatId: string | undefined;
    /** Bot API server root (grammY `client.apiRoot`), undefined → api.telegram.org. */
    apiRoot: string | undefined;
  };
  /** Group robot webhook for urgent staff alerts (ALERT_WEBHOOK_URL). */
  alertWebhookUrl: string | undefined;
  /** The largest request body any HTTP route reads (413 above it); uploads have their own limit. */
  httpBodyLimitBytes: number;
  /** The largest file a resident may send from the web chat (UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes: number;
  /** The centre's phone, shown on the web chat (CENTRE_PHONE). */
  centrePhone: string | undefined;
  shutdownTimeoutMs: number;
  /** Client addresses (login throttle, resume attempts) from the left-most X-Forwarded-For, not the socket. */
  trustProxy: boolean;
  /** The optional LLM reader (adapters/llm/); undefined when LLM_BASE_URL is unset. */
  llm: LlmConfig | undefined;
  /** PostgreSQL server where `npm run bench` creates (and drops) a throwaway database. */
  benchDatabaseUrl: string | undefined;
  /** The optional embeddings reader (adapters/embeddings/): off when `modelDir` is undefined. */
  embeddings: { modelDir: string | undefined };
}

export interface LlmConfig {
  baseUrl: string;
  /** Some local servers need none; the SDK is then given a placeholder. */
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
  /** 0: no cap. */
  monthlyTokenCap: number;
}

/** Every invalid setting at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: { variable: string; message: string; received?: string }[]) {
    super(
      [
        "配置有误，Yizhan 未启动。请修改以下环境变量（参见 .env.example）：",
        ...problems.map(
          (p) => `  - ${p.variable}：${p.message}${p.received === undefined ? "" : `（当前值 "${p.received}"）`}`,
        ),
      ].join("\n"),
    );
  }
}

const SECRET_VARIABLES = new Set(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "ALERT_WEBHOOK_URL", "LLM_API_KEY"]);

/** Reads and validates the environment once; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "?");
        const raw = env[variable];
        return {
          variable,
          message: issue.message,
          ...(raw === undefined || SECRET_VARIABLES.has(variable) ? {} : { received: maskCredentials(raw) }),
        };
      }),
    );
  }
  const e = parsed.data;
  if (e.LLM_BASE_URL !== undefined && e.LLM_MODEL === undefined) {
    throw new ConfigError([{ variable: "LLM_MODEL", message: "设置了 LLM_BASE_URL 时必须同时设置模型名称（如 qwen2.5-7b-instruct）" }]);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    dataDir: resolve(e.DATA_DIR),
    knowledgeDir: e.KNOWLEDGE_DIR === undefined ? undefined : resolve(e.KNOWLEDGE_DIR),
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.NODE_ENV === "production" ? "json" : "pretty") },
    publicUrl: e.PUBLIC_URL,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      staffChatId: e.TELEGRAM_STAFF_CHAT_ID,
      apiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ""),
    },
    alertWebhookUrl: e.ALERT_WEBHOOK_URL,
    httpBodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    centrePhone: e.CENTRE_PHONE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    llm:
      e.LLM_BASE_URL === undefined
        ? undefined
        : { baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ""), apiKey: e.LLM_API_KEY, model: e.LLM_MODEL!, timeoutMs: e.LLM_TIMEOUT_MS, monthlyTokenCap: e.LLM_MONTHLY_TOKEN_CAP },
    benchDatabaseUrl: e.BENCH_DATABASE_URL ?? e.TEST_DATABASE_URL,
    embeddings: { modelDir: e.EMBEDDINGS_MODEL_DIR === undefined ? undefined : resolve(e.EMBEDDINGS_MODEL_DIR) },
  };
}

/** Hides the password part of a URL before it is echoed back in an error. */
export function maskCredentials(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}
