/**
 * Tells every backend instance that shared state changed (controls, dynamic config, tenants), so
 * each reloads it from the database. The message carries no state: the database stays the truth.
 */
export const CHANGE_TOPICS = ['controls', 'config', 'tenants', 'profiles', 'commands'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

export interface ChangeBus {
  /**
   * Announces a change that is already committed. Never rejects: the change is in the database
   * whatever happens to the announcement, and every consumer also re-reads on a timer.
   */
  publish(topic: ChangeTopic): Promise<void>;
  /**
   * Like `publish`, for a change whose durable notification was committed with it
   * (`Store.notifyChange` inside the transaction): only the fast paths are left to tell.
   */
  announce(topic: ChangeTopic): Promise<void>;
  subscribe(listener: (topic: ChangeTopic) => void): () => void;
  dispose(): Promise<void>;
}
