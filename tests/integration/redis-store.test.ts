import { freshRedis, skipRedis } from "../support/services.js";
import { keyValueStoreContract } from "../support/store-contract.js";

keyValueStoreContract("redis", freshRedis, { skip: skipRedis });
