import { PagedList } from '../../../components/paged-list';
import { PageHeader, Panel } from '../../../components/panel';
import { num, Table } from '../../../components/table';
import { formatMoney, formatTime, pnlClass } from '@bytelyst/trading-client';
import { useLedgerPages } from '../api/get-ledger';

/** Double-entry legs; legs of one transaction sum to zero, so they are grouped visually. */
export function LedgerPage() {
  const pages = useLedgerPages();
  return (
    <div className="page">
      <PageHeader
        title="Ledger"
        subtitle="Capital movements as balanced double-entry transactions (debits positive, credits negative)"
      />
      <Panel title="Entries">
        <PagedList pages={pages} empty="No ledger entries yet.">
          {(items) => (
            <Table
              testId="ledger-table"
              columns={['Posted', 'Transaction', 'Account', num('Amount'), 'Currency', 'Memo']}
            >
              {items.map((e, i) => (
                <tr
                  key={e.id}
                  className={items[i - 1]?.transactionId !== e.transactionId ? 'group-start' : ''}
                >
                  <td className="muted">{formatTime(e.postedAt)}</td>
                  <td className="mono small">{e.transactionId}</td>
                  <td>{e.account.replace(/_/g, ' ')}</td>
                  <td className={`r num ${pnlClass(e.amount)}`}>{formatMoney(e.amount)}</td>
                  <td>{e.currency}</td>
                  <td className="muted">
                    {e.memo}
                    {e.reversesTransactionId && <> (reverses {e.reversesTransactionId})</>}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </PagedList>
      </Panel>
    </div>
  );
}
