import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error';

/**
 * Runs a page's work; a service's refusal of who the user is (FORBIDDEN: not the note's author,
 * not the lead professional) answers the forbidden page (403) in the service's own words, as
 * the API answers it. Every other error goes on to the error pages.
 */
export async function refusalShown(response: Response, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'FORBIDDEN') throw error;
    response.status(403);
    response.render('errors/forbidden', { status: 403, refusal: error.message });
  }
}
