export { OverviewScreen as default } from '../../src/features/overview/components/overview-screen';
