// One mapping from a queue outcome to an HTTP status.
import type { FailureKind } from "../../queue/outcome.js";

export const STATUS_OF: Record<FailureKind, 403 | 404 | 409 | 422> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
};
