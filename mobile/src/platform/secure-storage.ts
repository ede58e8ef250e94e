import type { KeyValueStorage } from '@bytelyst/platform-sdk';
import * as SecureStore from 'expo-secure-store';
import { chunkedStorage } from '../lib/secure-storage-chunks';

/** iOS Keychain / Android Keystore through expo-secure-store (native builds). */
export function sessionStorage(): KeyValueStorage {
  return chunkedStorage({
    getItem: (key) => SecureStore.getItemAsync(key),
    setItem: (key, value) => SecureStore.setItemAsync(key, value),
    removeItem: (key) => SecureStore.deleteItemAsync(key),
  });
}
