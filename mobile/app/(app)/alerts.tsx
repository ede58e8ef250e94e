export { AlertsScreen as default } from '../../src/features/alerts/components/alerts-screen';
