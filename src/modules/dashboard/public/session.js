// @ts-check
// The dashboard's and the plan report's one way to the API: a bearer token made from the web
// app's session (GET /dashboard/session), kept in sessionStorage until it nearly expires. The
// pages are behind the session, so there is no sign-in here: when the session has ended, the
// page is loaded again, which takes the user to the service's sign-in page and back.
'use strict';

(function continuumSession() {
  const SESSION_KEY = 'continuum.dashboard.session';

  /** @type {string | null} the session's CSRF token, for signing out */
  let csrfToken = null;

  /** @returns {string | null} a stored token with more than a few seconds left */
  function storedToken() {
    try {
      /** @type {unknown} */
      const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      if (
        typeof stored === 'object' &&
        stored !== null &&
        'token' in stored &&
        typeof stored.token === 'string' &&
        'expiresAt' in stored &&
        typeof stored.expiresAt === 'number' &&
        stored.expiresAt > Date.now()
      ) {
        return stored.token;
      }
    } catch {
      // A damaged entry is no token.
    }
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }

  /** Reloads the page: with the session ended, the server sends it to sign in and back. */
  function signInAgain() {
    sessionStorage.removeItem(SESSION_KEY);
    window.location.reload();
  }

  /** @returns {Promise<string>} */
  async function freshToken() {
    const response = await fetch('/dashboard/session', {
      headers: { Accept: 'application/json', 'X-Continuum-Dashboard': '1' },
      cache: 'no-store',
      credentials: 'same-origin',
      redirect: 'error',
    });
    if (response.status === 401) {
      signInAgain();
      throw new Error('signed-out');
    }
    if (!response.ok) throw new Error(`The session could not be read (${response.status})`);
    /** @type {unknown} */
    const answer = await response.json();
    const body = /** @type {{ accessToken: string, expiresIn: number, csrfToken: string }} */ (
      answer
    );
    csrfToken = body.csrfToken;
    // A little early, so that a token is not used in its last seconds.
    const expiresAt = Date.now() + Math.max(0, body.expiresIn - 10) * 1000;
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: body.accessToken, expiresAt }));
    return body.accessToken;
  }

  window.continuumSession = {
    async token() {
      return storedToken() ?? freshToken();
    },
    async renew() {
      sessionStorage.removeItem(SESSION_KEY);
      return freshToken();
    },
    async signOut() {
      if (csrfToken === null) await freshToken();
      sessionStorage.removeItem(SESSION_KEY);
      // The service's own sign-out: a POST with the session's CSRF token, then to /sign-in.
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/sign-out';
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = '_csrf';
      field.value = csrfToken ?? '';
      form.append(field);
      document.body.append(form);
      form.submit();
    },
  };
})();
