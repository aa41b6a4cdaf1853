import { Injectable, OnModuleDestroy } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import express, { type Router } from 'express';
import session, { type Store } from 'express-session';
import { Pool } from 'pg';
import { Settings } from '../config/settings';
import { SESSION_COOKIE, SESSION_TABLE } from './session/web-session';

/**
 * The session store: connect-pg-simple on a small pool of its own, on the table a migration
 * made (never `createTableIfMissing`). Closed with the application.
 */
@Injectable()
export class WebSessionStore implements OnModuleDestroy {
  readonly store: Store & { close(): void };
  private readonly pool: Pool;

  constructor(settings: Settings) {
    this.pool = new Pool({
      connectionString: settings.databaseUrl,
      max: 4,
      application_name: 'continuum-sessions',
    });
    // An idle connection that PostgreSQL ends (a restart) must not crash the process.
    this.pool.on('error', () => undefined);
    const PgStore = connectPgSimple(session);
    this.store = new PgStore({
      pool: this.pool,
      tableName: SESSION_TABLE,
      createTableIfMissing: false,
      // A touch on every request would write the row each time; WebSessionGuard saves the
      // session when its last-seen time moves (at most once a minute), which renews the expiry.
      disableTouch: true,
      pruneSessionInterval: 15 * 60,
      errorLog: () => undefined,
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.store.close();
    await this.pool.end();
  }
}

/**
 * Server-side sessions in PostgreSQL, so that a Redis flush signs nobody out and deactivating
 * a user deletes their sessions in the same transaction. The cookie holds only the session id:
 * HttpOnly, SameSite=Lax, Secure in production (behind a TLS-terminating proxy, trusted for
 * that alone), lasting SESSION_IDLE_MINUTES from the last save. The idle and absolute limits
 * are enforced by WebSessionGuard against the injected Clock; the store's expiry only tidies up.
 */
export function setUpWebSession(settings: Settings, sessions: WebSessionStore): Router {
  const router = express.Router();
  router.use(
    session({
      name: SESSION_COOKIE,
      secret: settings.jwtSecret,
      store: sessions.store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      unset: 'destroy',
      proxy: settings.production,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: settings.production,
        maxAge: settings.env.sessionIdleMinutes * 60 * 1000,
        path: '/',
      },
    }),
  );
  return router;
}
