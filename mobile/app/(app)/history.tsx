export { HistoryScreen as default } from '../../src/features/history/components/history-screen';
