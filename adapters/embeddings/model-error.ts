// Its own file so the CLI's error handler can name it without importing the model loader.

/** The model folder cannot be used; the message says what to fix, in Chinese. */
export class EmbeddingsModelError extends Error {
  override name = "EmbeddingsModelError";
  constructor(readonly modelDir: string, message: string, options?: { cause?: unknown }) {
    super(`向量模型（EMBEDDINGS_MODEL_DIR=${modelDir}）无法使用：${message}`, options);
  }
}
