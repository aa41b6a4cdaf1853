import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import { join } from 'path';
import { parseAuthority } from './authority';

describe('parseAuthority', () => {
  it('reads the shipped config/authority.yaml', () => {
    const file = readFileSync(join(__dirname, '../../../../config/authority.yaml'), 'utf8');
    expect(parseAuthority(load(file)).lea).toMatch(/^\d{3}$/);
  });

  it('reads an unquoted three-digit code', () => {
    expect(parseAuthority(load('lea: 201\nname: City of London\n'))).toEqual({
      lea: '201',
      name: 'City of London',
    });
  });

  it.each([
    ['[]', 'the file must be a mapping of lea and name'],
    ['name: X\n', 'lea is missing'],
    ["lea: '201'\n", 'name is missing'],
    ["lea: '2011'\nname: X\n", "lea must be the authority's 3-digit LEA code"],
    ['lea: 021\nname: X\n', "lea must be the authority's 3-digit LEA code"],
    ["lea: 'abc'\nname: X\n", "lea must be the authority's 3-digit LEA code"],
    ["lea: '201'\nname: '  '\n", "name must be the authority's name"],
    ["lea: '201'\nname: X\ncode: 1\n", 'code is not a known key (known: lea, name)'],
  ])('refuses %j: %s', (yaml, message) => {
    expect(() => parseAuthority(load(yaml))).toThrow(message);
  });
});
