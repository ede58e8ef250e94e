export { SignInScreen as default } from '../../src/features/auth/components/sign-in-screen';
