import {
  blockFiguresOf,
  STRATEGY_DESCRIPTIONS,
  type Decision,
  type DecisionAction,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import { StyleSheet, Text, View } from 'react-native';
import { Screen } from '../../../components/screen';
import { colors, text } from '../../../components/theme';
import { Badge, Card, DataState } from '../../../components/ui';
import type { Tone } from '../../../lib/bot-state';
import { describeReason } from '../../../lib/bot-state';
import { formatPrice, formatTime } from '@bytelyst/trading-client';
import { useProfileDecisions, useProfiles } from '../api/strategies';
import { modelWhyView } from '../model-why-view';
import { useAuth } from '@bytelyst/react-auth';
import { useInterventions } from '../../../api/interventions';
import { useMobileAllows } from '../../../api/mobile-policy';
import { InterventionAction } from '../../../components/intervention-action';

const ACTION_TONE: Record<DecisionAction, Tone> = {
  ENTER: 'ok',
  EXIT: 'info',
  HOLD: 'muted',
  BLOCKED: 'bad',
  SKIPPED: 'warn',
};

/**
 * Strategies are edited on the web; the app may pause and resume the user's own profiles where
 * the tenant's mobile policy approves it.
 */
export function StrategiesScreen() {
  const q = useProfiles();
  const profiles = q.data?.items ?? [];
  return (
    <Screen
      title="Strategies"
      onRefresh={() => void q.refetch()}
      refreshing={q.isRefetching}
      testID="strategies"
    >
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={profiles.length === 0}
        emptyText="No trading profiles yet. Create one on the web dashboard."
      >
        {profiles.map((p) => (
          <ProfileCard key={p.id} profile={p} />
        ))}
      </DataState>
    </Screen>
  );
}

function ProfileCard({ profile }: { profile: TradingProfile }) {
  const strategy = STRATEGY_DESCRIPTIONS[profile.strategy.strategy];
  // The API's effective state names the layer that stopped the profile (never the stored mode).
  const e = profile.effective ?? {
    state: profile.blockedReason ? 'BLOCKED' : profile.enabled ? profile.mode : 'DISABLED',
    layer: null,
    reason: profile.blockedReason,
  };
  const tone =
    e.state === 'RUNNING'
      ? 'ok'
      : e.state === 'PAUSED'
        ? 'warn'
        : e.state === 'DISABLED'
          ? 'muted'
          : 'bad';
  return (
    <Card testID={`profile-${profile.id}`}>
      <View style={styles.head}>
        <Text style={[text.heading, styles.flex]}>{profile.name}</Text>
        <Badge tone={tone} label={e.state} />
      </View>
      <Text style={text.muted}>
        {strategy.name} · {profile.timeframe} · {profile.symbols.join(', ')}
      </Text>
      <View testID={`profile-state-${profile.id}`} accessibilityLabel={`state ${e.state}`}>
        {e.layer && e.state !== 'RUNNING' ? (
          <Text style={text.muted}>Set by the {e.layer} layer</Text>
        ) : null}
        {e.reason && e.state !== 'RUNNING' ? (
          <Text style={[text.muted, e.state === 'BLOCKED' ? { color: colors.neg } : null]}>
            {e.reason}
          </Text>
        ) : null}
        {e.state === 'BLOCKED' ? <BlockFigures reason={e.reason} /> : null}
      </View>
      <PauseResume profile={profile} />
      <DecisionFeed profileId={profile.id} />
    </Card>
  );
}

/** Pause (disable) or resume one of the caller's own profiles, where the policy allows it. */
function PauseResume({ profile }: { profile: TradingProfile }) {
  const me = useAuth().user?.id;
  const canPause = useMobileAllows('profile.pause');
  const canResume = useMobileAllows('profile.resume');
  const act = useInterventions();
  if (profile.userId !== me) return null;
  if (profile.enabled && canPause)
    return (
      <InterventionAction
        // A new confirmation (and key) whenever the profile's state changes.
        key="pause"
        label="Pause profile"
        confirmText={`Pause ${profile.name}? It opens no new positions; open ones are still managed.`}
        confirmLabel="Confirm pause"
        doneText="Paused."
        testID={`profile-pause-${profile.id}`}
        run={(key) => act.pauseProfile(profile.id, key)}
      />
    );
  if (!profile.enabled && canResume)
    return (
      <InterventionAction
        key="resume"
        label="Resume profile"
        confirmText={`Resume ${profile.name}? It may open new positions again.`}
        confirmLabel="Confirm resume"
        tone="primary"
        doneText="Resumed."
        testID={`profile-resume-${profile.id}`}
        run={(key) => act.resumeProfile(profile.id, key)}
      />
    );
  return null;
}

/** Books against the venue per symbol, read from the block the reconciliation wrote. */
function BlockFigures({ reason }: { reason: string | null }) {
  const figures = blockFiguresOf(reason);
  if (figures.length === 0) return null;
  return (
    <View style={styles.figures} testID="block-figures">
      {figures.map((f) => (
        <Text key={f.symbol} style={text.body}>
          {f.symbol}: books {f.books} · venue {f.venue} · difference {f.difference}
        </Text>
      ))}
    </View>
  );
}

function DecisionFeed({ profileId }: { profileId: string }) {
  const q = useProfileDecisions(profileId);
  const items = q.data?.items ?? [];
  return (
    <View style={styles.feed}>
      <Text style={text.muted}>Latest decisions</Text>
      <DataState
        loading={q.isPending}
        error={q.error}
        empty={items.length === 0}
        emptyText="No decisions yet."
      >
        {items.map((d) => (
          <DecisionRow key={d.id} decision={d} />
        ))}
      </DataState>
    </View>
  );
}

/** Why a trade fired, was blocked or skipped: the strategy, risk and control reasons. */
function DecisionRow({ decision: d }: { decision: Decision }) {
  // A model strategy's decision says p against its threshold and the top feature contributions.
  const model = modelWhyView(d);
  const why = [
    ...d.reasons.map((r) => r.message || r.code),
    ...d.controlReasons.map(describeReason),
  ];
  return (
    <View style={styles.decision} testID="decision">
      <View style={styles.head}>
        <Badge tone={ACTION_TONE[d.action]} label={d.action} />
        <Text style={text.body}>
          {d.symbol} @ {formatPrice(d.price)}
        </Text>
        <Text style={[text.muted, styles.right]}>{formatTime(d.createdAt)}</Text>
      </View>
      {model && (
        <View style={styles.model} testID="model-why">
          <Text style={text.body}>{model.headline}</Text>
          <Text style={text.muted}>Model {model.version}</Text>
          {model.contributions.map((c) => (
            <Text key={c.key} style={text.muted}>
              • {c.figure}: {c.label}
            </Text>
          ))}
        </View>
      )}
      {why.map((w, i) => (
        <Text key={`${i}:${w}`} style={text.muted}>
          • {w}
        </Text>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  head: { flexDirection: 'row', alignItems: 'center', gap: 8, flexWrap: 'wrap' },
  flex: { flex: 1, marginBottom: 0 },
  right: { marginLeft: 'auto' },
  feed: { marginTop: 10, gap: 6 },
  figures: { marginTop: 4, gap: 2 },
  model: { gap: 2 },
  decision: { borderTopColor: colors.border, borderTopWidth: 1, paddingTop: 8, gap: 2 },
});
