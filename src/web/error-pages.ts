import type { Request, Response } from 'express';

/** The error page for each status a page can end with (views/errors/*.njk). */
function templateFor(status: number): string {
  if (status === 404) return 'errors/page-not-found';
  if (status === 403) return 'errors/forbidden';
  if (status === 429) return 'errors/too-many-requests';
  if (status === 503) return 'errors/service-unavailable';
  if (status >= 500) return 'errors/problem';
  return 'errors/request-problem';
}

/**
 * Answers a page request that failed with the design system's error page for its status. A 500
 * shows the request id and nothing else (the log has the rest, under that id). A page that
 * cannot render either (a broken template) still answers, in plain text.
 */
export function renderErrorPage(
  request: Request,
  response: Response,
  status: number,
  message: string,
): void {
  const header = response.getHeader('X-Request-Id');
  const id: unknown = request.id;
  const requestId =
    typeof id === 'string' || typeof id === 'number'
      ? String(id)
      : typeof header === 'string'
        ? header
        : '';
  response.status(status);
  response.render(
    templateFor(status),
    { status, message: status >= 500 ? undefined : message, requestId },
    (error: Error | null, html?: string) => {
      if (error || html === undefined) {
        response.type('text/plain').send(`Error ${status}. Request id: ${requestId}`);
        return;
      }
      response.type('html').send(html);
    },
  );
}
