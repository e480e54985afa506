// Starts `serve` as `yizhan serve` does (every feature, PORT=0), answers one request, stops.
import { loadConfig } from "../../../adapters/config.js";
import { serveFeatures } from "../../../adapters/runtime/features.js";
import { startServing } from "../../../adapters/runtime/serve.js";

const serving = await startServing(loadConfig(), serveFeatures);
const res = await fetch(`${serving.http.url}/console/login`);
process.stdout.write(`status ${res.status} embeddings ${serving.services.embeddings === undefined ? "off" : "on"}\n`);
await serving.stop();
process.exit(0);
