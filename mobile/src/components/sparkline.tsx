import { StyleSheet, View } from 'react-native';
import { colors } from './theme';

/**
 * A small bar chart of a series, oldest left. Heights only place the bars: the figures a user
 * reads are the backend's strings shown beside it, never these numbers.
 */
export function Sparkline(props: {
  values: readonly string[];
  height?: number;
  testID?: string;
  accessibilityLabel?: string;
}) {
  const height = props.height ?? 72;
  const nums = props.values.map(Number);
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const span = hi - lo;
  return (
    <View
      style={[styles.chart, { height }]}
      testID={props.testID}
      accessibilityLabel={props.accessibilityLabel}
    >
      {nums.map((v, i) => (
        <View
          key={i}
          style={[
            styles.bar,
            {
              // A flat series sits at half height rather than on the floor.
              height: span > 0 ? ((v - lo) / span) * (height - 4) + 2 : height / 2,
              backgroundColor: i === nums.length - 1 ? colors.text : colors.accent,
            },
          ]}
        />
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  chart: { flexDirection: 'row', alignItems: 'flex-end', gap: 1, marginVertical: 8 },
  // A short series keeps thin bars instead of one block across the card.
  bar: { flex: 1, minWidth: 1, maxWidth: 8, borderRadius: 1 },
});
