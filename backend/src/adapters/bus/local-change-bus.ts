import type { ChangeBus, ChangeTopic } from '../../ports/change-bus.js';

/** Single-process bus: without Redis there is only one instance to tell. */
export class LocalChangeBus implements ChangeBus {
  private readonly listeners = new Set<(topic: ChangeTopic) => void>();

  async publish(topic: ChangeTopic): Promise<void> {
    for (const l of this.listeners) l(topic);
  }

  subscribe(listener: (topic: ChangeTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }
}
