// A fake OpenAI-compatible chat server on 127.0.0.1 (real HTTP): answers json_schema response
// formats and tool calls with what the test's `answer` gives, records every request, and can be
// told to refuse the response format, send garbage, or hang.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMode = "json_schema" | "tools_only" | "garbage" | "hang" | "error_500";

export interface RecordedRequest {
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string } };
    tools?: { type: string; function: { name: string } }[];
  };
  /** Every prompt text the request carried (system and user messages). */
  prompt: string;
}

export interface FakeOpenAi {
  baseUrl: string;
  requests: RecordedRequest[];
  mode: FakeMode;
  /** The structured answer for a request (the resident's field is `residentText(request)`). */
  answer: (request: RecordedRequest) => unknown;
  close(): Promise<void>;
}

/** The text inside <resident_text>…</resident_text> of a recorded request. */
export function residentText(r: RecordedRequest): string {
  const user = r.body.messages.find((m) => m.role === "user")?.content ?? "";
  return /<resident_text>\n([\s\S]*)\n<\/resident_text>/.exec(user)?.[1] ?? "";
}

const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeOpenAi(answer: (r: RecordedRequest) => unknown, mode: FakeMode = "json_schema"): Promise<FakeOpenAi> {
  const fake: FakeOpenAi = { baseUrl: "", requests: [], mode, answer, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return send(res, 404, { error: { message: "not found" } });
      const body = JSON.parse(raw) as RecordedRequest["body"];
      const record: RecordedRequest = { body, prompt: body.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n") };
      fake.requests.push(record);
      if (fake.mode === "hang") return; // never answers
      if (fake.mode === "error_500") return send(res, 500, { error: { message: "upstream down" } });
      const base = { id: "chatcmpl-fake", object: "chat.completion", created: 0, model: body.model, usage };
      if (body.response_format?.type === "json_schema") {
        if (fake.mode === "tools_only") return send(res, 400, { error: { message: "response_format json_schema is not supported", type: "invalid_request_error" } });
        const content = fake.mode === "garbage" ? "好的，我来分析一下这个案子……" : JSON.stringify(fake.answer(record));
        return send(res, 200, { ...base, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content, refusal: null } }] });
      }
      const tool = body.tools?.[0]?.function.name;
      if (tool) {
        const args = fake.mode === "garbage" ? "{not json" : JSON.stringify(fake.answer(record));
        return send(res, 200, {
          ...base,
          choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: tool, arguments: args } }] } }],
        });
      }
      return send(res, 200, { ...base, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "hello" } }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
