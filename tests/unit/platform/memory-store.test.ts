import { MemoryStore } from "../../../adapters/store/memory-store.js";
import { keyValueStoreContract } from "../../support/store-contract.js";

keyValueStoreContract("memory", async () => {
  const store = new MemoryStore();
  return { store, dispose: () => store.close() };
});
