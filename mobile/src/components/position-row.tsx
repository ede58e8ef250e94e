import type { Position, VenueTag } from '@bytelyst/trading-contracts';
import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { formatMoney, formatPrice, formatQty, signOf } from '@bytelyst/trading-client';
import { absQuantity, positionSide } from '../lib/positions';
import { colors, pnlColor, text } from './theme';

/** "Paper", or the account's label with its venue when the label does not name it already. */
export const venueText = (venue: VenueTag): string => {
  if (venue.accountId === null) return 'Paper';
  return venue.label.toLowerCase().includes(venue.venueId.toLowerCase())
    ? venue.label
    : `${venue.label} · ${venue.venueId}`;
};

/**
 * Symbol, side, size, entry, mark and unrealised PnL: what the runbook asks each row to show,
 * and the venue account the position is held on.
 */
export function PositionRow(props: {
  position: Position;
  profileName?: string;
  action?: ReactNode;
}) {
  const p = props.position;
  const side = positionSide(p);
  return (
    <View style={styles.row} testID="position" accessibilityLabel={`${p.symbol} ${side}`}>
      <View style={styles.line}>
        <Text style={text.heading}>{p.symbol}</Text>
        <Text style={[styles.side, { color: side === 'LONG' ? colors.pos : colors.neg }]}>
          {side}
        </Text>
        <Text
          style={[text.number, styles.right, { color: pnlColor(signOf(p.unrealizedPnl)) }]}
          testID="position-upnl"
        >
          {formatMoney(p.unrealizedPnl, true)}
        </Text>
      </View>
      <View style={styles.line}>
        <Text style={text.muted}>Size {formatQty(absQuantity(p.quantity))}</Text>
        <Text style={text.muted}>Entry {formatPrice(p.averageEntryPrice)}</Text>
        <Text style={[text.muted, styles.right]}>Mark {formatPrice(p.markPrice)}</Text>
      </View>
      <View style={styles.line}>
        {props.profileName ? <Text style={text.muted}>{props.profileName}</Text> : null}
        <Text
          style={[styles.venue, p.venue.accountId === null ? null : styles.venueLive]}
          testID="position-venue"
        >
          {venueText(p.venue)}
        </Text>
      </View>
      {props.action}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { borderTopColor: colors.border, borderTopWidth: 1, paddingVertical: 10, gap: 4 },
  line: { flexDirection: 'row', alignItems: 'center', gap: 10, flexWrap: 'wrap' },
  side: { fontSize: 12, fontWeight: '700' },
  right: { marginLeft: 'auto' },
  venue: { fontSize: 12, color: colors.muted },
  venueLive: { color: colors.text, fontWeight: '600' },
});
