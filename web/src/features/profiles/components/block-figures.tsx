import type { StatedFigure } from '@bytelyst/trading-contracts';

/** Books vs venue per symbol (the venue holds one account per tenant: books are summed). */
export function BlockFigures({ figures }: { figures: readonly StatedFigure[] }) {
  if (figures.length === 0) return null;
  return (
    <table className="table table-compact block-figures" data-testid="block-figures">
      <thead>
        <tr>
          <th>Symbol</th>
          <th className="r">Books</th>
          <th className="r">Venue</th>
          <th className="r">Difference</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.symbol}>
            <td>{f.symbol}</td>
            <td className="r num">{f.books}</td>
            <td className="r num">{f.venue}</td>
            <td className="r num neg">{f.difference}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
