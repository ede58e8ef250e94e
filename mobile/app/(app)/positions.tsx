export { PositionsScreen as default } from '../../src/features/positions/components/positions-screen';
