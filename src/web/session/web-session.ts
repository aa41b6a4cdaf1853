import 'express-session';

/** The minutes of inactivity after which a web session ends is SESSION_IDLE_MINUTES. */
export const SESSION_ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often (not on every page). */
export const LAST_SEEN_RESOLUTION_MS = 60 * 1000;
export const SESSION_COOKIE = 'continuum.sid';
/** The session table, made by a migration (migrations/1765100000000-WebSessions.ts). */
export const SESSION_TABLE = 'web_sessions';

/** Who is signed in to a session, and since when (instants from the injected Clock, in ms). */
export interface SessionUser {
  id: string;
  /** The user's token version at sign-in: a later password change or deactivation ends it. */
  tokenVersion: number;
  displayName: string;
  signedInAt: number;
  lastSeenAt: number;
}

/** A message shown once on the next page (post/redirect/get). */
export interface Flash {
  heading?: string;
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
    /** The page to go back to after signing in (a same-site path). */
    returnTo?: string;
    flash?: Flash;
    /** Why the last session ended, said once on the sign-in page. */
    signedOutReason?: 'idle' | 'absolute';
  }
}
