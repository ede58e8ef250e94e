import { StyleSheet } from 'react-native';
import type { Tone } from '../lib/bot-state';

export const colors = {
  bg: '#0f1419',
  card: '#182029',
  border: '#2a3541',
  text: '#e6edf3',
  muted: '#8b98a5',
  accent: '#4ea1ff',
  pos: '#3fb950',
  neg: '#f85149',
} as const;

export const toneColors: Record<Tone, { bg: string; fg: string }> = {
  ok: { bg: '#12361f', fg: '#3fb950' },
  warn: { bg: '#3a2d0c', fg: '#e3b341' },
  bad: { bg: '#3d1417', fg: '#ff7b72' },
  info: { bg: '#0c2d4d', fg: '#79c0ff' },
  muted: { bg: '#21262d', fg: '#8b98a5' },
};

export const pnlColor = (sign: -1 | 0 | 1) =>
  sign > 0 ? colors.pos : sign < 0 ? colors.neg : colors.muted;

export const text = StyleSheet.create({
  title: { color: colors.text, fontSize: 22, fontWeight: '700' },
  heading: { color: colors.text, fontSize: 16, fontWeight: '600', marginBottom: 8 },
  body: { color: colors.text, fontSize: 14 },
  muted: { color: colors.muted, fontSize: 13 },
  number: { color: colors.text, fontSize: 14, fontVariant: ['tabular-nums'] },
  big: { color: colors.text, fontSize: 28, fontWeight: '700', fontVariant: ['tabular-nums'] },
});
