/**
 * Tells every backend instance that shared state changed (controls, dynamic config, tenants), so
 * each reloads it from the database. The message carries no state: the database stays the truth.
 */
export type ChangeTopic = 'controls' | 'config' | 'tenants' | 'profiles';

export interface ChangeBus {
  publish(topic: ChangeTopic): Promise<void>;
  subscribe(listener: (topic: ChangeTopic) => void): () => void;
  dispose(): Promise<void>;
}
