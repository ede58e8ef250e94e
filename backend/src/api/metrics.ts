import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { venueFeedMetrics } from './venue-feed-metrics.js';

export interface HttpMetrics {
  observe(input: { method: string; route: string; status: number; seconds: number }): void;
}

/** Prometheus metrics of one backend process. */
export function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'trading-backend' });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const trading = {
    orders: new Counter({
      name: 'trading_orders_total',
      help: 'Orders placed, by origin',
      labelNames: ['origin'] as const,
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'trading_decisions_total',
      help: 'Strategy decisions, by action',
      labelNames: ['action'] as const,
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'realtime_sockets',
      help: 'Connected sockets by namespace',
      labelNames: ['namespace'] as const,
      registers: [registry],
    }),
    leases: new Gauge({
      name: 'trading_loop_leases_held',
      help: 'Tenant loops this instance owns',
      registers: [registry],
    }),
    productStatusAge: new Gauge({
      name: 'platform_status_age_seconds',
      help: 'Age of the last product status from the platform',
      registers: [registry],
    }),
  };
  // One child per (method, route, status), kept: prom-client validates and hashes the labels on
  // every labelled observe, which is measurable at thousands of requests a second.
  const children = new Map<string, ReturnType<typeof requests.labels>>();
  const http: HttpMetrics = {
    observe: ({ method, route, status, seconds }) => {
      const key = `${method} ${status} ${route}`;
      let child = children.get(key);
      if (!child) {
        child = requests.labels({ method, route, status: String(status) });
        children.set(key, child);
      }
      child.observe(seconds);
    },
  };
  return { registry, http, trading, venueFeeds: venueFeedMetrics(registry) };
}
export type Metrics = ReturnType<typeof createMetrics>;
