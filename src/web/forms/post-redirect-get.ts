import type { Request, Response } from 'express';
import type { Flash } from '../session/web-session';
import { saveSession } from '../session/web-session.guard';

/**
 * Post/redirect/get: after a successful POST, a 303 to the page that shows the result, with a
 * message shown once there (the layout's success banner). Reloading that page sends nothing.
 */
export async function redirectWithFlash(
  request: Request,
  response: Response,
  path: string,
  flash?: Flash,
): Promise<void> {
  if (flash) request.session.flash = flash;
  // Saved before the redirect's headers go, so the next page finds the message.
  await saveSession(request);
  response.redirect(303, path);
}
