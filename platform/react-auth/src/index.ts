export { AuthProvider, type AuthProviderProps } from './auth-provider.js';
export {
  useAuth,
  useFeatureFlags,
  useProductStatus,
  useSession,
  type UseAuth,
  type UseFeatureFlags,
} from './hooks.js';
export { ProductGate, gateBlock, type ProductGateProps } from './product-gate.js';
export type { GateBlock } from './gate-block.js';
export { DefaultBlockedScreen } from './default-blocked-screen.js';
export { usePlatformContext, type AuthContextValue } from './context.js';
