import type { MarketplacePreset } from '@bytelyst/trading-contracts';
import { useState } from 'react';
import { DataState } from '../../../components/data-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Panel } from '../../../components/panel';
import { href } from '../../../lib/router';
import { useCopyPreset, usePresets } from '../api/marketplace';

function PresetCard({ p }: { p: MarketplacePreset }) {
  const copy = useCopyPreset();
  const [capital, setCapital] = useState('1000');
  return (
    <div className="card">
      <h3>{p.name}</h3>
      <p className="muted">{p.description}</p>
      <div className="small">
        {p.strategy.strategy} · {p.timeframe} · {p.symbols.join(', ')}
      </div>
      <div className="row">
        <input
          aria-label="Capital"
          inputMode="decimal"
          value={capital}
          onChange={(e) => setCapital(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={copy.isPending}
          onClick={() => copy.mutate({ presetId: p.id, capitalAllocation: capital })}
        >
          Copy to my profiles
        </button>
      </div>
      {copy.isSuccess && (
        <div className="notice notice-ok">
          Created “{copy.data.name}” (disabled). <a href={href('/profiles')}>Review it →</a>
        </div>
      )}
      {copy.error && <ErrorNotice error={copy.error} title="Could not copy" />}
    </div>
  );
}

export function MarketplacePage() {
  const presets = usePresets();
  return (
    <div className="page">
      <PageHeader
        title="Marketplace"
        subtitle="Curated strategy presets you can copy into a profile"
      />
      <Panel title="Presets">
        <DataState
          query={presets}
          isEmpty={(d) => d.items.length === 0}
          empty="No presets published yet."
        >
          {(d) => (
            <div className="cards">
              {d.items.map((p) => (
                <PresetCard key={p.id} p={p} />
              ))}
            </div>
          )}
        </DataState>
      </Panel>
    </div>
  );
}
