export { SettingsScreen as default } from '../../src/features/settings/components/settings-screen';
