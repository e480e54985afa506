// Expected outcomes of queue operations (STYLE 4): a value, or a reason in Chinese.

export type FailureKind = "not_found" | "forbidden" | "conflict" | "invalid";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: FailureKind; message: string };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const fail = <T = never>(error: FailureKind, message: string): Outcome<T> => ({ ok: false, error, message });
