import {
  DYNAMIC_CONFIG_CATALOG,
  DYNAMIC_CONFIG_SCHEMAS,
  type DynamicConfigKey,
} from '@bytelyst/trading-contracts';
import { z } from 'zod';

interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

/** The product's free-text rule (no control characters), named instead of spelled out. */
const NO_CONTROL_CHARS = '^[^\\u0000';

function describe(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(describe).join(', or ');
  if (s.enum) return `one of ${s.enum.map(String).join(', ')}`;
  switch (s.type) {
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'empty (none)';
    case 'integer':
    case 'number': {
      const word = s.type === 'integer' ? 'whole number' : 'number';
      if (s.minimum !== undefined && s.maximum !== undefined)
        return `${word} from ${s.minimum} to ${s.maximum}`;
      if (s.minimum !== undefined) return `${word} of at least ${s.minimum}`;
      return s.maximum !== undefined ? `${word} of at most ${s.maximum}` : word;
    }
    case 'string': {
      const parts = ['text'];
      if (s.maxLength !== undefined) parts.push(`of up to ${s.maxLength} characters`);
      if (s.pattern?.startsWith(NO_CONTROL_CHARS)) parts.push('without control characters');
      else if (s.pattern) parts.push(`matching ${s.pattern}`);
      return parts.join(' ');
    }
    default:
      return 'any value';
  }
}

/** The key's JSON schema, derived from the same zod schema the backend validates with. */
export const configJsonSchema = (key: DynamicConfigKey): JsonSchema =>
  z.toJSONSchema(DYNAMIC_CONFIG_SCHEMAS[key], { io: 'input' }) as JsonSchema;

/** One line an operator can read: what values the key accepts. */
export const describeConfigSchema = (key: DynamicConfigKey): string =>
  describe(configJsonSchema(key));

/** What is in effect while the key is not stored, and where that comes from. */
export function describeConfigDefault(key: DynamicConfigKey): string {
  const c: { default: unknown; fallback?: string } = DYNAMIC_CONFIG_CATALOG[key];
  const value = c.default === null ? 'none' : JSON.stringify(c.default);
  return c.fallback ? `${c.fallback} (${value} unless set)` : value;
}
