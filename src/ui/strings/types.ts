/**
 * Every user-visible string of the default pages. `{name}` placeholders are filled with escaped values.
 */
export interface UiStrings {
  /** BCP 47 tag written to `<html lang>`. */
  readonly locale: string;
  /** Text direction written to `<html dir>`. */
  readonly dir: 'ltr' | 'rtl';
  readonly login: {
    readonly title: string;
    readonly heading: string;
    /** `{clientName}` */
    readonly subtitleWithClient: string;
    readonly username: string;
    readonly password: string;
    readonly rememberMe: string;
    readonly submit: string;
    readonly cancel: string;
    readonly invalidCredentials: string;
    /** `{until}` */
    readonly accountLockedUntil: string;
    readonly accountLocked: string;
    readonly noAccount: string;
    readonly createAccount: string;
    readonly formExpired: string;
    /** `{name}` */
    readonly signedInAs: string;
    /** `{name}` */
    readonly continueAs: string;
    readonly useAnotherAccount: string;
  };
  readonly consent: {
    readonly title: string;
    /** `{clientName}` */
    readonly heading: string;
    readonly subtitle: string;
    readonly identityScopes: string;
    readonly apiScopes: string;
    readonly required: string;
    readonly rememberDecision: string;
    readonly allow: string;
    readonly deny: string;
    readonly visitClient: string;
    readonly offlineAccess: string;
    readonly offlineAccessDescription: string;
  };
  readonly formPost: {
    readonly title: string;
    readonly heading: string;
    /** `{clientName}` */
    readonly messageWithClient: string;
    readonly message: string;
    readonly submit: string;
  };
  readonly logout: {
    readonly title: string;
    readonly heading: string;
    readonly subtitle: string;
    readonly submit: string;
  };
  readonly loggedOut: {
    readonly title: string;
    readonly heading: string;
    readonly message: string;
    /** `{clientName}` */
    readonly returnToClient: string;
    readonly returnToApplication: string;
    readonly frameTitle: string;
  };
  readonly error: {
    readonly title: string;
    readonly heading: string;
    readonly message: string;
    readonly errorCode: string;
    readonly requestId: string;
  };
  readonly device: {
    readonly title: string;
    readonly heading: string;
    readonly subtitle: string;
    readonly userCode: string;
    readonly userCodeHint: string;
    readonly submit: string;
    readonly invalidCode: string;
    readonly successTitle: string;
    readonly successHeading: string;
    readonly successMessage: string;
  };
}
