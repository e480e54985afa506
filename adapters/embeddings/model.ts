/**
 * A sentence-embedding model from a folder the centre provides (EMBEDDINGS_MODEL_DIR), run by
 * transformers.js on onnxruntime's CPU backend. Remote loading is off: nothing is downloaded.
 * transformers.js is imported here, on first load, never at start-up (it weighs ~0.5 GB).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { EmbeddingsModelError } from "./model-error.js";

export { EmbeddingsModelError };

export interface Embedder {
  /** Folder name and a hash of its files: vectors of another model are never compared with these. */
  readonly model: string;
  readonly dimensions: number;
  /** Unit vectors for search queries (a resident's story, a search box). */
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  /** Unit vectors for what is searched (catalogue services, past cases). */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}


/**
 * Optional `yizhan-embeddings.json` in the model folder. Defaults by the folder's name:
 * "e5" → the "query: " / "passage: " prefixes e5 was trained with; "bge" → CLS pooling.
 */
const ModelSettings = z.object({
  pooling: z.enum(["mean", "cls"]).optional(),
  queryPrefix: z.string().optional(),
  passagePrefix: z.string().optional(),
  /** Texts embedded per model call. */
  batchSize: z.number().int().min(1).max(256).optional(),
});
export type ModelSettings = Required<z.infer<typeof ModelSettings>>;

export const SETTINGS_FILE = "yizhan-embeddings.json";
const ONNX_FILES = [
  { file: "model.onnx", dtype: "fp32" },
  { file: "model_quantized.onnx", dtype: "q8" },
  { file: "model_int8.onnx", dtype: "int8" },
  { file: "model_fp16.onnx", dtype: "fp16" },
] as const;

export function modelSettings(modelDir: string): ModelSettings {
  const name = basename(modelDir).toLowerCase();
  const defaults: ModelSettings = {
    pooling: /bge/.test(name) ? "cls" : "mean",
    queryPrefix: /e5/.test(name) ? "query: " : "",
    passagePrefix: /e5/.test(name) ? "passage: " : "",
    batchSize: 16,
  };
  const path = join(modelDir, SETTINGS_FILE);
  if (!existsSync(path)) return defaults;
  const parsed = ModelSettings.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new EmbeddingsModelError(modelDir, `${SETTINGS_FILE} 格式不对：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("；")}`);
  return { ...defaults, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
}

/** Which ONNX file transformers.js will load, and the files every model folder needs. */
function checkFolder(modelDir: string): (typeof ONNX_FILES)[number] {
  const missing = ["config.json", "tokenizer.json"].filter((f) => !existsSync(join(modelDir, f)));
  const onnxDir = join(modelDir, "onnx");
  const onnx = existsSync(onnxDir) ? ONNX_FILES.find((o) => existsSync(join(onnxDir, o.file))) : undefined;
  if (!onnx) missing.push("onnx/model.onnx（或 model_quantized.onnx）");
  if (missing.length > 0) throw new EmbeddingsModelError(modelDir, `缺少 ${missing.join("、")}`);
  return onnx!;
}

function fingerprint(modelDir: string, onnxFile: string): string {
  const hash = createHash("sha256");
  for (const f of ["config.json", "tokenizer.json", SETTINGS_FILE]) {
    if (existsSync(join(modelDir, f))) hash.update(readFileSync(join(modelDir, f)));
  }
  const onnx = join(modelDir, "onnx", onnxFile);
  hash.update(`${onnxFile}:${statSync(onnx).size}`);
  return `${basename(modelDir)}@${hash.digest("hex").slice(0, 12)}`;
}

/** Embeds each text of what a model reads at most (longer stories are cut: their beginning says the most). */
const MAX_CHARS = 512;

/**
 * Loads the model (about a second for the test fixture, a few for bge-small-zh).
 * @example const e = await loadEmbedder("/srv/models/bge-small-zh-v1.5"); (await e.embedQueries(["邻居噪音"]))[0]!.length // 512
 */
export async function loadEmbedder(modelDir: string): Promise<Embedder> {
  const onnx = checkFolder(modelDir);
  const settings = modelSettings(modelDir);
  const model = fingerprint(modelDir, onnx.file);
  let transformers: typeof import("@huggingface/transformers");
  try {
    transformers = await import("@huggingface/transformers");
  } catch (error) {
    throw new EmbeddingsModelError(modelDir, "未安装 @huggingface/transformers（请运行 npm ci）", { cause: error });
  }
  const { env, pipeline } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.localModelPath = `${dirname(modelDir)}/`;
  let extractor: Awaited<ReturnType<typeof pipeline<"feature-extraction">>>;
  try {
    extractor = await pipeline("feature-extraction", basename(modelDir), { dtype: onnx.dtype, local_files_only: true, device: "cpu" });
  } catch (error) {
    throw new EmbeddingsModelError(modelDir, error instanceof Error ? error.message : String(error), { cause: error });
  }

  async function embed(texts: string[], prefix: string): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += settings.batchSize) {
      const batch = texts.slice(i, i + settings.batchSize).map((t) => prefix + (t.trim() === "" ? "　" : t.slice(0, MAX_CHARS)));
      const tensor = await extractor(batch, { pooling: settings.pooling, normalize: true });
      const [rows, dims] = tensor.dims as [number, number];
      const data = tensor.data as Float32Array;
      for (let r = 0; r < rows; r++) out.push(Float32Array.from(data.subarray(r * dims, (r + 1) * dims)));
      tensor.dispose?.();
    }
    return out;
  }

  const probe = await embed(["试"], settings.queryPrefix);
  return {
    model,
    dimensions: probe[0]!.length,
    embedQueries: (texts) => embed(texts, settings.queryPrefix),
    embedPassages: (texts) => embed(texts, settings.passagePrefix),
  };
}
