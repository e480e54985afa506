// A second copy of each unfinished conversation, for a key-value store that does not persist
// (Redis without AOF or RDB): a Redis restart then loses no intake. The database keeps it
// (adapters/db/session-backup-repository.ts); the key-value store stays the one that is read.

export interface SessionBackup {
  save(residentKey: string, raw: string, stage: string, expiresAt: Date): Promise<void>;
  /** The copy, or null when there is none or it has expired. */
  load(residentKey: string, now?: Date): Promise<string | null>;
  delete(residentKey: string): Promise<void>;
  /** Residents whose conversation waits at the filing stage (their filing failed). */
  waitingToFile(now?: Date): Promise<string[]>;
  /** Drops expired copies; the number dropped. */
  prune(now?: Date): Promise<number>;
}
