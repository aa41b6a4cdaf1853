import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const CIN_CENSUS_XSD = join(__dirname, '../../config/returns/cin-census.xsd');

/**
 * Validates an XML document against the census schema with xmllint (Debian's libxml2-utils):
 * '' when it validates, else xmllint's messages.
 */
export function xmllintErrors(xml: string, schema = CIN_CENSUS_XSD): string {
  const dir = mkdtempSync(join(tmpdir(), 'cin-'));
  const file = join(dir, 'message.xml');
  try {
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return e.stderr?.toString() ?? e.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
