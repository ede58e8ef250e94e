import { z } from 'zod';

/**
 * The subset of JSON Schema the backend generates for strategy params (from the contracts' zod
 * schemas). It is parsed, not cast: an unexpected shape renders as a raw JSON editor instead.
 */
const FieldSchema = z.object({
  type: z.enum(['integer', 'number', 'string', 'boolean']).optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
const ObjectSchema = z.object({
  type: z.literal('object').optional(),
  properties: z.record(z.string(), FieldSchema),
  required: z.array(z.string()).optional(),
});
export type ParamField = z.infer<typeof FieldSchema> & { name: string; required: boolean };

export function readParamFields(schema: unknown): ParamField[] | null {
  const parsed = ObjectSchema.safeParse(schema);
  if (!parsed.success) return null;
  const required = new Set(parsed.data.required ?? []);
  return Object.entries(parsed.data.properties).map(([name, f]) => ({
    ...f,
    name,
    required: required.has(name),
  }));
}

export function defaultParams(fields: ParamField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.default !== undefined) out[f.name] = f.default;
  return out;
}

const label = (name: string) =>
  name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

export function SchemaFields(props: {
  fields: ParamField[];
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>) => void;
  errors?: Record<string, string>;
}) {
  const set = (name: string, v: unknown) => props.onChange({ ...props.value, [name]: v });
  return (
    <div className="form-grid">
      {props.fields.map((f) => {
        const current = props.value[f.name];
        const err = props.errors?.[f.name];
        const id = `param-${f.name}`;
        let input;
        if (f.enum) {
          input = (
            <select
              id={id}
              value={
                typeof current === 'string' || typeof current === 'number' ? String(current) : ''
              }
              onChange={(e) => set(f.name, e.target.value)}
            >
              {f.enum.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (f.type === 'boolean') {
          input = (
            <input
              id={id}
              type="checkbox"
              checked={current === true}
              onChange={(e) => set(f.name, e.target.checked)}
            />
          );
        } else if (f.type === 'integer' || f.type === 'number') {
          input = (
            <input
              id={id}
              type="number"
              step={f.type === 'integer' ? 1 : 'any'}
              min={f.minimum}
              max={f.maximum}
              value={typeof current === 'number' ? current : ''}
              onChange={(e) =>
                set(f.name, e.target.value === '' ? undefined : Number(e.target.value))
              }
            />
          );
        } else {
          input = (
            <input
              id={id}
              value={typeof current === 'string' ? current : ''}
              onChange={(e) => set(f.name, e.target.value)}
            />
          );
        }
        return (
          <div key={f.name} className={`field ${err ? 'field-error' : ''}`}>
            <label htmlFor={id}>{label(f.name)}</label>
            {input}
            <small className="muted">
              {f.description}
              {f.minimum !== undefined && f.maximum !== undefined && ` (${f.minimum}–${f.maximum})`}
            </small>
            {err && <small className="neg">{err}</small>}
          </div>
        );
      })}
    </div>
  );
}
