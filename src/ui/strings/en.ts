/**
 * English strings, the fallback for every other locale.
 */
import type { UiStrings } from './types.js';

export type { UiStrings } from './types.js';

/** The English strings of the default pages. */
export const en: UiStrings = {
  locale: 'en',
  dir: 'ltr',
  login: {
    title: 'Sign in',
    heading: 'Sign in',
    subtitleWithClient: 'Sign in to continue to {clientName}',
    username: 'Username',
    password: 'Password',
    rememberMe: 'Remember me',
    submit: 'Sign in',
    cancel: 'Cancel',
    invalidCredentials: 'The username or password is incorrect.',
    accountLockedUntil: 'This account is temporarily locked after too many failed attempts. Try again after {until}.',
    accountLocked: 'This account is temporarily locked after too many failed attempts. Try again later.',
    noAccount: 'No account yet?',
    createAccount: 'Create account',
    formExpired: 'This page was open for too long or was sent from another site. Please sign in again.',
    signedInAs: 'You are signed in as {name}.',
    continueAs: 'Continue as {name}',
    useAnotherAccount: 'or sign in with another account',
  },
  consent: {
    title: 'Allow access',
    heading: '{clientName} wants to access your account',
    subtitle: 'Choose what you allow this application to do.',
    identityScopes: 'Personal information',
    apiScopes: 'Application access',
    required: '(required)',
    rememberDecision: 'Remember my decision',
    allow: 'Allow',
    deny: 'Deny',
    visitClient: 'About this application',
    offlineAccess: 'Offline access',
    offlineAccessDescription: 'Access to your data while you are not using the application',
  },
  formPost: {
    title: 'Returning to the application',
    heading: 'Returning to the application',
    messageWithClient: 'Sending you back to {clientName}…',
    message: 'Sending you back to the application…',
    submit: 'Continue',
  },
  logout: {
    title: 'Sign out',
    heading: 'Sign out',
    subtitle: 'Do you want to sign out?',
    submit: 'Yes, sign out',
  },
  loggedOut: {
    title: 'Signed out',
    heading: 'You are signed out',
    message: 'You have been signed out of all applications that use this account.',
    returnToClient: 'Return to {clientName}',
    returnToApplication: 'Return to the application',
    frameTitle: 'Signing out of an application',
  },
  error: {
    title: 'Error',
    heading: 'Something went wrong',
    message: 'The request could not be completed. If this keeps happening, contact support and quote the request id.',
    errorCode: 'Error code',
    requestId: 'Request id',
  },
  device: {
    title: 'Connect a device',
    heading: 'Connect a device',
    subtitle: 'Enter the code shown on your device.',
    userCode: 'Device code',
    userCodeHint: 'For example ABCD-EFGH',
    submit: 'Continue',
    invalidCode: 'That code is invalid or has expired. Check the code on your device and try again.',
    successTitle: 'Device connected',
    successHeading: 'Your device is connected',
    successMessage: 'You can close this window and return to your device.',
  },
};
