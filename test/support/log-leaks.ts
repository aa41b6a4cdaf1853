import type { Client } from 'pg';

/** A value that must never appear in the application's logs, and what it is (never the value). */
export interface Sensitive {
  kind: string;
  value: string;
}

/** Shapes that are secrets whatever their value. */
const SECRET_SHAPES: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'a JWT', pattern: /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/ },
  { kind: 'a bearer token', pattern: /bearer\s+[A-Za-z0-9._~+/-]{8,}/i },
  { kind: 'an Authorization header', pattern: /"authorization"\s*:/i },
  { kind: 'a password field', pattern: /"password(Hash)?"\s*:/i },
  { kind: 'a password hash', pattern: /\$argon2(id|i|d)\$/ },
];

/** Names shorter than this are too likely to occur in ordinary words of a log line. */
const MIN_NAME_LENGTH = 4;
const WORD = /^[\p{L}\p{N}]+$/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Every child's identifying fields in a database: what the logs must not hold. */
export async function childData(sql: Client): Promise<Sensitive[]> {
  const { rows } = await sql.query<{
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    nhsNumber: string | null;
    postcode: string | null;
    upn: string | null;
  }>(
    `SELECT given_name AS "givenName", family_name AS "familyName",
            to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
            nhs_number AS "nhsNumber", postcode, upn
     FROM children`,
  );
  const found: Sensitive[] = [];
  for (const child of rows) {
    for (const [kind, value] of [
      ['a child’s given name', child.givenName],
      ['a child’s family name', child.familyName],
    ] as const) {
      if ([...value.trim()].length >= MIN_NAME_LENGTH) found.push({ kind, value: value.trim() });
    }
    found.push({ kind: 'a child’s date of birth', value: child.dateOfBirth });
    if (child.nhsNumber) {
      const n = child.nhsNumber;
      found.push({ kind: 'a child’s NHS number', value: n });
      found.push({
        kind: 'a child’s NHS number',
        value: `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
      });
    }
    if (child.postcode && child.postcode.length >= 5)
      found.push({ kind: 'a child’s postcode', value: child.postcode });
    if (child.upn && child.upn.length >= 5) found.push({ kind: 'a child’s UPN', value: child.upn });
  }
  return found;
}

/**
 * What of `sensitive` (and any secret-shaped text) the log lines hold: one line per finding,
 * naming the kind and the log line, with the value itself masked.
 */
export function findLeaks(lines: readonly string[], sensitive: readonly Sensitive[]): string[] {
  const findings: string[] = [];
  const report = (kind: string, index: number, mask: (line: string) => string): void => {
    findings.push(`${kind} in log line ${index + 1}: ${mask(lines[index]).slice(0, 300)}`);
  };

  const lower = lines.map((line) => line.toLowerCase());
  // Words and dates are looked up in maps of where each first occurs: one pass over the logs
  // however many children the database holds.
  const words = new Map<string, number>();
  const dates = new Map<string, number>();
  // The words of the API's own routes ("Mapped {/api/v1/kpis/feed, GET} route"), which every
  // request line repeats in its path: a child named Feed cannot be told apart from them.
  const routeWords = new Set<string>();
  lower.forEach((line, index) => {
    const lineWords = line.split(NOT_WORD);
    for (const word of lineWords) if (!words.has(word)) words.set(word, index);
    if (line.includes('"context":"routerexplorer"'))
      for (const word of lineWords) routeWords.add(word);
    for (const [date] of line.matchAll(/\d{4}-\d{2}-\d{2}/g))
      if (!dates.has(date)) dates.set(date, index);
  });

  for (const { kind, value } of sensitive) {
    const needle = value.toLowerCase();
    let index: number | undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(needle)) index = dates.get(needle);
    else if (WORD.test(needle)) index = routeWords.has(needle) ? undefined : words.get(needle);
    else if (needle.split(NOT_WORD).every((part) => part === '' || words.has(part))) {
      // Several words, or punctuation, all of whose words occur: as written, or JSON-escaped.
      const escaped = JSON.stringify(needle).slice(1, -1);
      const at = lower.findIndex((line) => line.includes(needle) || line.includes(escaped));
      index = at < 0 ? undefined : at;
    }
    if (index !== undefined) {
      const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
      report(kind, index, (line) => line.replace(pattern, '[MASKED]'));
    }
  }
  for (const { kind, pattern } of SECRET_SHAPES) {
    const index = lines.findIndex((line) => pattern.test(line));
    if (index >= 0) {
      const global = new RegExp(pattern.source, `${pattern.flags}g`);
      report(kind, index, (line) => line.replace(global, '[MASKED]'));
    }
  }
  return [...new Set(findings)];
}
