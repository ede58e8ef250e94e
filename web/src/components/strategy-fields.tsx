import type { StrategyConfig, StrategyInfo } from '@bytelyst/trading-contracts';
import { useMemo, useState } from 'react';
import { defaultParams, readParamFields, SchemaFields } from './schema-fields';

const fieldsOf = (info: StrategyInfo | undefined) =>
  info ? readParamFields(info.paramsSchema) : null;

/**
 * The chosen strategy and its params. Params are edited field by field when the strategy's
 * schema can be read, and as raw JSON when it cannot.
 */
export function useStrategyParams(strategies: StrategyInfo[], initial?: StrategyConfig) {
  const [strategyId, setStrategyId] = useState<string>(
    initial?.strategy ?? strategies[0]?.id ?? '',
  );
  const info = strategies.find((s) => s.id === strategyId);
  const fields = useMemo(() => fieldsOf(info), [info]);
  const [params, setParams] = useState<Record<string, unknown>>(
    (initial?.params as Record<string, unknown> | undefined) ??
      (fields ? defaultParams(fields) : {}),
  );
  const [rawParams, setRawParams] = useState(() => JSON.stringify(params, null, 2));

  const choose = (id: string) => {
    setStrategyId(id);
    const f = fieldsOf(strategies.find((s) => s.id === id));
    const p = f ? defaultParams(f) : {};
    setParams(p);
    setRawParams(JSON.stringify(p, null, 2));
  };

  /** The config to send; the contract's schema checks it inside callApi before it leaves. */
  const config = (): StrategyConfig => {
    let p = params;
    if (!fields) {
      try {
        p = JSON.parse(rawParams) as Record<string, unknown>;
      } catch {
        p = {};
      }
    }
    return { strategy: strategyId, params: p } as unknown as StrategyConfig;
  };

  return {
    strategies,
    strategyId,
    info,
    fields,
    params,
    setParams,
    rawParams,
    setRawParams,
    choose,
    config,
  };
}

export type StrategyParams = ReturnType<typeof useStrategyParams>;

/** `param:<name>` issues of a form's field errors, keyed by the param name. */
const paramErrorsOf = (errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('param:'))
      .map(([k, v]) => [k.slice(6), v]),
  );

/** The strategy picker with its summary and its params' inputs. */
export function StrategyFields(props: {
  state: StrategyParams;
  errors: Record<string, string>;
  /** A saved profile keeps its strategy; only its params can change. */
  disabled?: boolean;
}) {
  const s = props.state;
  return (
    <fieldset className="field">
      <legend>Strategy</legend>
      <select
        aria-label="Strategy"
        value={s.strategyId}
        onChange={(e) => s.choose(e.target.value)}
        disabled={props.disabled}
      >
        {s.strategies.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      {s.info && <p className="muted small">{s.info.summary}</p>}
      {s.fields ? (
        <SchemaFields
          fields={s.fields}
          value={s.params}
          onChange={s.setParams}
          errors={paramErrorsOf(props.errors)}
        />
      ) : (
        <textarea
          className="code"
          rows={6}
          value={s.rawParams}
          onChange={(e) => s.setRawParams(e.target.value)}
          aria-label="Params (JSON)"
        />
      )}
    </fieldset>
  );
}
