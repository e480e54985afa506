// Every HTTP module `yizhan serve` mounts, in one list.
import type { HttpModule } from "../http/app.js";
import type { Services } from "./services.js";

export function httpModules(_services: Services): HttpModule[] {
  return [];
}
