/**
 * Typed events, named after Duende's. Off by default; enabled per category in options and
 * delivered to `events.sink`. Token values are masked before an event is built.
 */

/** Event categories' types (Duende `EventTypes`). */
export type EventType = 'Success' | 'Failure' | 'Information' | 'Error';

interface EventBase {
  /** Duende event id. */
  id: number;
  type: EventType;
  category: 'Authentication' | 'Token' | 'Grants' | 'Error' | 'Device';
  timestamp: string;
  activityId?: string;
  remoteIpAddress?: string;
  message?: string;
}

/** All events Sigil raises. */
export type SigilEvent = EventBase &
  (
    | { name: 'ClientAuthenticationSuccess'; clientId: string; authenticationMethod: string }
    | { name: 'ClientAuthenticationFailure'; clientId?: string; authenticationMethod?: string; error: string }
    | { name: 'ApiAuthenticationSuccess'; apiName: string; authenticationMethod: string }
    | { name: 'ApiAuthenticationFailure'; apiName?: string; authenticationMethod?: string; error: string }
    | {
        name: 'TokenIssuedSuccess';
        clientId: string;
        grantType: string;
        endpoint: string;
        subjectId?: string;
        scopes: string;
        redirectUri?: string;
        tokens: { tokenType: string; tokenValue: string }[];
      }
    | {
        name: 'TokenIssuedFailure';
        clientId?: string;
        grantType?: string;
        endpoint: string;
        subjectId?: string;
        scopes?: string;
        error: string;
        errorDescription: string;
      }
    | {
        name: 'TokenIntrospectionSuccess';
        apiName?: string;
        clientId?: string;
        isActive: boolean;
        token: string;
        tokenScopes?: string;
      }
    | { name: 'TokenIntrospectionFailure'; apiName?: string; clientId?: string; error: string; token?: string }
    | { name: 'TokenRevokedSuccess'; clientId: string; tokenType: string; token: string }
    | { name: 'UnhandledException'; details: string }
    | { name: 'UserLoginSuccess'; username: string; subjectId: string; displayName?: string; clientId?: string }
    | { name: 'UserLoginFailure'; username: string; clientId?: string; error: string }
    | { name: 'UserLogoutSuccess'; subjectId: string; displayName?: string }
    | {
        name: 'ConsentGranted';
        subjectId: string;
        clientId: string;
        requestedScopes: string[];
        grantedScopes: string[];
        consentRemembered: boolean;
      }
    | { name: 'ConsentDenied'; subjectId: string; clientId: string; requestedScopes: string[] }
    | { name: 'GrantsRevoked'; subjectId: string; clientId?: string }
  );

/** The names of all events. */
export type SigilEventName = SigilEvent['name'];

/** Where events go. The default sink writes them to the structured log. */
export type EventSink = (event: SigilEvent) => void | Promise<void>;

/** Masks a token for events and logs: `****` followed by its last 4 characters (Duende's obfuscation). */
export function maskToken(value: string | undefined): string {
  if (!value) return '';
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}
