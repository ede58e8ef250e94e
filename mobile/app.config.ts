import type { ExpoConfig } from 'expo/config';
import product from '@bytelyst/trading-contracts/product.json';

// Identity comes from the one product.json (PRD §11); nothing here restates it.
const config: ExpoConfig = {
  name: product.displayName,
  slug: product.productId,
  scheme: product.productId,
  version: product.version,
  orientation: 'portrait',
  userInterfaceStyle: 'light',
  ios: { bundleIdentifier: product.bundleId, supportsTablet: false },
  android: { package: product.bundleId },
  web: { bundler: 'metro', output: 'single', name: product.displayName },
  plugins: [
    'expo-router',
    'expo-secure-store',
    'expo-notifications',
    [
      'expo-local-authentication',
      { faceIDPermission: 'Confirm pauses, closes and acknowledgements with Face ID.' },
    ],
  ],
};

export default config;
