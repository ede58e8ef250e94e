import { Timeframe } from '@bytelyst/trading-contracts';

/** The symbol and timeframe of a stored series, as every import form asks for them. */
export function SymbolTimeframeFields(props: {
  /** Prefix of the fields' ids (labels and tests find them by it). */
  idPrefix: string;
  symbols: readonly string[];
  symbol: string;
  onSymbol(symbol: string): void;
  timeframe: Timeframe;
  onTimeframe(timeframe: Timeframe): void;
}) {
  const { idPrefix: id } = props;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-symbol`}>Symbol</label>
        <select
          id={`${id}-symbol`}
          value={props.symbol}
          onChange={(e) => props.onSymbol(e.target.value)}
        >
          {props.symbols.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tf`}>Timeframe</label>
        <select
          id={`${id}-tf`}
          value={props.timeframe}
          onChange={(e) => props.onTimeframe(e.target.value as Timeframe)}
        >
          {Timeframe.options.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
    </>
  );
}
