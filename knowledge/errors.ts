/** One thing wrong in a catalogue: where (file, entry, field) and what. */
export interface KnowledgeProblem { file: string; entry: string; field: string; message: string }

/** Human-readable one-line form: `services/14-neighbour.yaml › neighbour.noise › agencyIds: …`. */
export function formatProblem(p: KnowledgeProblem): string {
  return `${p.file} › ${p.entry || "(文件)"} › ${p.field || "(整体)"}：${p.message}`;
}

/** Thrown by loadKnowledge when the catalogue is invalid; carries every problem found. */
export class KnowledgeError extends Error {
  readonly problems: readonly KnowledgeProblem[];
  constructor(problems: readonly KnowledgeProblem[]) {
    const head = problems.slice(0, 20).map(formatProblem).join("\n");
    const more = problems.length > 20 ? `\n…另有 ${problems.length - 20} 处问题` : "";
    super(`知识库校验失败（${problems.length} 处问题）：\n${head}${more}`);
    this.name = "KnowledgeError";
    this.problems = problems;
  }
}
