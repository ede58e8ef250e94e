export { PerformanceScreen as default } from '../../src/features/performance/components/performance-screen';
