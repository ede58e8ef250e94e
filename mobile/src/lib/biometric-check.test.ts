import { describe, expect, it } from 'vitest';
import { checkBiometric, type BiometricPort } from './biometric-check';

const port = (o: {
  hardware?: boolean;
  enrolled?: boolean;
  result?: { success: true } | { success: false; error: string };
  throws?: boolean;
}): BiometricPort & { prompts: string[] } => {
  const prompts: string[] = [];
  return {
    prompts,
    hasHardwareAsync: () => Promise.resolve(o.hardware ?? true),
    isEnrolledAsync: () => Promise.resolve(o.enrolled ?? true),
    authenticateAsync: (opts) => {
      prompts.push(opts.promptMessage);
      if (o.throws) return Promise.reject(new Error('keystore busy'));
      return Promise.resolve(o.result ?? { success: true });
    },
  };
};

describe('biometric check before an intervention', () => {
  it('passes only when the phone says so, with the action in the prompt', async () => {
    const p = port({});
    expect(await checkBiometric(p, 'Pause BTC trend')).toEqual({ kind: 'passed' });
    expect(p.prompts).toEqual(['Pause BTC trend']);
  });

  it('skips with a stated reason where there is no sensor or nothing enrolled', async () => {
    const none = await checkBiometric(port({ hardware: false }), 'x');
    expect(none).toMatchObject({
      kind: 'skipped',
      reason: expect.stringContaining('no biometric'),
    });
    const unenrolled = port({ enrolled: false });
    expect((await checkBiometric(unenrolled, 'x')).kind).toBe('skipped');
    expect(unenrolled.prompts).toEqual([]);
  });

  it('fails (nothing sent) when cancelled, refused or broken', async () => {
    expect(
      await checkBiometric(port({ result: { success: false, error: 'user_cancel' } }), 'x'),
    ).toEqual({ kind: 'failed', reason: 'Biometric check cancelled: nothing was sent.' });
    expect(
      (await checkBiometric(port({ result: { success: false, error: 'lockout' } }), 'x')).kind,
    ).toBe('failed');
    expect((await checkBiometric(port({ throws: true }), 'x')).kind).toBe('failed');
  });
});
