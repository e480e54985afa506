/**
 * Builds the tiny embedding model the tests load (tests/fixtures/embeddings-model/tiny-bert-zh):
 * BERT's inputs and output (input_ids, attention_mask, token_type_ids → last_hidden_state) over a
 * character vocabulary, each character a fixed pseudo-random int8 vector. Mean-pooled, it is a bag
 * of characters: texts that share characters are near. It has no knowledge of meaning; it exists so
 * the real loading code (transformers.js, onnxruntime, the tokenizer) runs in tests without a hub.
 * Run: npx tsx scripts/embeddings-fixture/build.ts  (the same character list gives the same files).
 * The characters are a committed list (characters.txt: the catalogue's and everyday ones when the
 * fixture was made), not read from the live catalogue: each vector is seeded by its character's place
 * in the list, so one keyword added to the catalogue would reshuffle every vector and the tests' notion
 * of "near". Characters outside the list read as [UNK].
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ELEM, model, node, tensor, valueInfo } from "./onnx-proto.js";

export const FIXTURE_DIR = join(import.meta.dirname, "../../tests/fixtures/embeddings-model/tiny-bert-zh");
const HIDDEN = 16;
const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
function vocabulary(): string[] {
  const chars = [...readFileSync(join(import.meta.dirname, "characters.txt"), "utf8").trim()];
  const ascii = [..."abcdefghijklmnopqrstuvwxyz0123456789"];
  return [...SPECIALS, ...chars, ...ascii, ...ascii.map((c) => `##${c}`)];
}

/** mulberry32, seeded by the token's index: the same vocabulary gives the same vectors. */
function vectorOf(index: number): Int8Array {
  let seed = (index * 2654435761) >>> 0;
  const out = new Int8Array(HIDDEN);
  for (let i = 0; i < HIDDEN; i++) {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = Math.round(r * 254 - 127);
  }
  return out;
}

function onnxModel(vocab: string[]): Uint8Array {
  const table = new Int8Array(vocab.length * HIDDEN);
  vocab.forEach((token, i) => { if (!SPECIALS.includes(token)) table.set(vectorOf(i), i * HIDDEN); });
  const scale = new Uint8Array(new Float32Array([1 / 127]).buffer);
  return model({
    name: "tiny_bert_zh",
    nodes: [
      node("Gather", ["embeddings.word", "input_ids"], ["embedded"], "word_embeddings"),
      node("DequantizeLinear", ["embedded", "embeddings.scale", "embeddings.zero"], ["last_hidden_state"], "dequantize"),
    ],
    initializers: [
      tensor("embeddings.word", ELEM.int8, [vocab.length, HIDDEN], new Uint8Array(table.buffer)),
      tensor("embeddings.scale", ELEM.float, [], scale),
      tensor("embeddings.zero", ELEM.int8, [], new Uint8Array([0])),
    ],
    inputs: ["input_ids", "attention_mask", "token_type_ids"].map((n) => valueInfo(n, ELEM.int64, ["batch_size", "sequence_length"])),
    outputs: [valueInfo("last_hidden_state", ELEM.float, ["batch_size", "sequence_length", HIDDEN])],
  }, 13);
}

function tokenizer(vocab: string[]) {
  const id = (t: string) => vocab.indexOf(t);
  const special = (t: string) => ({ id: t, type_id: 0 });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((t) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: special("[CLS]") }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: special("[SEP]") }],
      pair: [{ SpecialToken: special("[CLS]") }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: special("[SEP]") }, { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
      special_tokens: Object.fromEntries(["[CLS]", "[SEP]"].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
}

export function buildFixture(dir = FIXTURE_DIR): { dir: string; vocabulary: number; bytes: number } {
  const vocab = vocabulary();
  const onnx = onnxModel(vocab);
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(join(dir, "onnx", "model.onnx"), onnx);
  writeFileSync(join(dir, "tokenizer.json"), `${JSON.stringify(tokenizer(vocab))}\n`);
  writeFileSync(join(dir, "tokenizer_config.json"), `${JSON.stringify({ tokenizer_class: "BertTokenizer", do_lower_case: true, tokenize_chinese_chars: true, model_max_length: 512, cls_token: "[CLS]", sep_token: "[SEP]", pad_token: "[PAD]", unk_token: "[UNK]", mask_token: "[MASK]" }, null, 2)}\n`);
  writeFileSync(join(dir, "config.json"), `${JSON.stringify({ model_type: "bert", architectures: ["BertModel"], hidden_size: HIDDEN, vocab_size: vocab.length, num_hidden_layers: 0, num_attention_heads: 1, intermediate_size: HIDDEN, max_position_embeddings: 512, type_vocab_size: 2 }, null, 2)}\n`);
  return { dir, vocabulary: vocab.length, bytes: onnx.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = buildFixture();
  process.stdout.write(`已生成 ${built.dir}：词表 ${built.vocabulary} 个，model.onnx ${built.bytes} 字节\n`);
}
