import type { VenueTag } from '@bytelyst/trading-contracts';

/**
 * Where an order went or a position is held: the account's label, with its venue id beside it
 * when the label does not already say it. The paper book reads "Paper" and is muted, so a real
 * venue stands out in a mixed table.
 */
export function VenueLabel({ venue }: { venue: VenueTag }) {
  if (venue.accountId === null)
    return (
      <span className="badge badge-muted" data-testid="venue-label" title="Paper (simulated)">
        Paper
      </span>
    );
  const showVenue = !venue.label.toLowerCase().includes(venue.venueId.toLowerCase());
  return (
    <span
      className="badge badge-info"
      data-testid="venue-label"
      title={`${venue.label} on ${venue.venueId} (account ${venue.accountId})`}
    >
      {venue.label}
      {showVenue && <span className="muted small"> · {venue.venueId}</span>}
    </span>
  );
}
