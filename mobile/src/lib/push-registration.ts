/** What asking this device for push gave. */
export type PushRegistration =
  | { kind: 'token'; token: string; platform: 'ios' | 'android' }
  | { kind: 'denied'; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'failed'; reason: string };
