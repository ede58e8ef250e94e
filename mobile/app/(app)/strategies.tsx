export { StrategiesScreen as default } from '../../src/features/strategies/components/strategies-screen';
