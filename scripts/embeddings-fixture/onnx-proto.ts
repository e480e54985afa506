// Just enough of ONNX's protobuf encoding to write a small graph: ModelProto, GraphProto,
// NodeProto, TensorProto and ValueInfoProto (field numbers from onnx/onnx.proto3).

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const concat = (parts: Field[]): Field => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const intField = (field: number, value: number | bigint): Field => new Uint8Array([...varint(field << 3), ...varint(value)]);
const bytesField = (field: number, bytes: Field): Field => concat([new Uint8Array([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);
const textField = (field: number, text: string): Field => bytesField(field, new TextEncoder().encode(text));

export const ELEM = { float: 1, int8: 3, int64: 7 } as const;
export type Elem = (typeof ELEM)[keyof typeof ELEM];

/** A dimension: a fixed size or a symbolic name ("batch", "sequence"). */
export type Dim = number | string;

export function tensor(name: string, type: Elem, dims: number[], raw: Uint8Array): Field {
  return concat([...dims.map((d) => intField(1, d)), intField(2, type), textField(8, name), bytesField(9, raw)]);
}

export function valueInfo(name: string, type: Elem, dims: Dim[]): Field {
  const shape = concat(dims.map((d) => bytesField(1, typeof d === "number" ? intField(1, d) : textField(2, d))));
  const tensorType = concat([intField(1, type), bytesField(2, shape)]);
  return concat([textField(1, name), bytesField(2, bytesField(1, tensorType))]);
}

export function node(op: string, inputs: string[], outputs: string[], name: string): Field {
  return concat([...inputs.map((i) => textField(1, i)), ...outputs.map((o) => textField(2, o)), textField(3, name), textField(4, op)]);
}

export function model(g: { name: string; nodes: Field[]; initializers: Field[]; inputs: Field[]; outputs: Field[] }, opset: number): Uint8Array {
  const graph = concat([
    ...g.nodes.map((n) => bytesField(1, n)),
    textField(2, g.name),
    ...g.initializers.map((t) => bytesField(5, t)),
    ...g.inputs.map((v) => bytesField(11, v)),
    ...g.outputs.map((v) => bytesField(12, v)),
  ]);
  return concat([intField(1, 8), textField(2, "yizhan-fixture"), bytesField(7, graph), bytesField(8, concat([textField(1, ""), intField(2, opset)]))]);
}
