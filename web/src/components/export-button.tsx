import { useState } from 'react';
import { download } from '../api/exports';

/** "Export CSV": builds the file from the API (UTC times, exact amounts) and downloads it. */
export function ExportButton(props: {
  name: string;
  build: () => Promise<string>;
  testId: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid={props.testId}
        disabled={busy}
        title="RFC 4180 CSV; times in UTC (ISO 8601)"
        onClick={() => {
          setBusy(true);
          setError(null);
          props
            .build()
            .then((text) =>
              download(`${props.name}-${new Date().toISOString().slice(0, 10)}.csv`, text),
            )
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {error && <small className="neg"> {error}</small>}
    </span>
  );
}
