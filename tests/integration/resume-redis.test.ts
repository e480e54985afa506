// The resume rules on real Redis: attempt counts, cool-offs and pending confirmations are shared by processes.
import { freshRedis, skipRedis } from "../support/services.js";
import { resumeContract } from "../support/resume-contract.js";

resumeContract("redis", freshRedis, { skip: skipRedis });
