import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { toCsv } from '../kpis/domain/csv';
import { FINDING_CSV_COLUMNS } from './domain/census-rules';
import type { ReturnsService, Write } from './returns.service';

/**
 * The census return and its findings as streamed downloads, for the API (`/api/v1/returns/…`,
 * bearer token) and the census page (`/returns/cin-census/…`, the web session) alike.
 */

/** Waits for the socket to take more, or to close; leaves no listener behind. */
function drainedOrClosed(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * A writer to the response that waits for the socket to drain, and stops the return when the
 * client has gone (its cursor's transaction then rolls back; the audit rows written so far stay).
 */
function writerTo(response: Response, contentType: string, filename: string): Write {
  let headed = false;
  return async (chunk) => {
    if (!headed) {
      headed = true;
      response.status(200);
      response.setHeader('Content-Type', contentType);
      response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      response.setHeader('Cache-Control', 'no-store');
    }
    if (response.destroyed || response.writableEnded) throw new Error('client went away');
    if (!response.write(chunk)) {
      await drainedOrClosed(response);
      if (response.destroyed) throw new Error('client went away');
    }
  };
}

/** Runs a streamed answer: errors before the first byte are answered as usual (400). */
async function streamed(response: Response, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    response.end();
  } catch (error) {
    if (!response.headersSent) throw error;
    // Part of the answer is out: the client must not mistake it for the whole.
    response.destroy();
  }
}

/** The census message of the year, as `cin-census-<year>.xml`. */
export async function sendCensusReturn(
  response: Response,
  returns: ReturnsService,
  actor: Actor,
  collectionYear: string,
): Promise<void> {
  const write = writerTo(
    response,
    'application/xml; charset=utf-8',
    `cin-census-${collectionYear}.xml`,
  );
  await streamed(response, () => returns.cinCensus(actor, collectionYear, write));
}

/** The year's findings as JSON (`{collectionYear, items, errors, warnings}`) or CSV. */
export async function sendCensusFindings(
  response: Response,
  returns: ReturnsService,
  actor: Actor,
  collectionYear: string,
  format: 'json' | 'csv' | undefined,
): Promise<void> {
  const csv = format === 'csv';
  const write = writerTo(
    response,
    csv ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
    `cin-census-${collectionYear}-errors.${csv ? 'csv' : 'json'}`,
  );
  let started = false;
  let anyItem = false;
  const counts = { errors: 0, warnings: 0 };
  await streamed(response, async () => {
    await returns.censusFindings(actor, collectionYear, async (findings) => {
      for (const f of findings) counts[f.severity === 'error' ? 'errors' : 'warnings'] += 1;
      let text: string;
      if (csv) {
        const all = toCsv(FINDING_CSV_COLUMNS, findings);
        // The header row once, at the start.
        text = started ? all.slice(all.indexOf('\r\n') + 2) : all;
      } else {
        const items = findings.map((f) => JSON.stringify(f)).join(',');
        text =
          (started ? '' : `{"collectionYear":${Number(collectionYear)},"items":[`) +
          (anyItem && items !== '' ? ',' : '') +
          items;
        if (items !== '') anyItem = true;
      }
      started = true;
      await write(text);
    });
    if (!csv) await write(`],"errors":${counts.errors},"warnings":${counts.warnings}}`);
  });
}
