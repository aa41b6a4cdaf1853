import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServiceDirectory } from './service-directory';

describe('the service directory', () => {
  it('ships with a parenting programme and family support services', () => {
    const services = parseServiceDirectory(
      load(readFileSync(join(__dirname, '../../../../config/services.yaml'), 'utf8')),
    );
    expect(services.map((s) => s.code)).toEqual(
      expect.arrayContaining(['triple_p', 'family_intervention', 'family_group_conference']),
    );
  });

  it.each([
    [{ services: [{ code: 'A b', name: 'x', agencyType: 'health' }] }, 'services[0].code'],
    [{ services: [{ code: 'a', name: '', agencyType: 'health' }] }, 'services[0].name'],
    [
      { services: [{ code: 'a', name: 'A', agencyType: 'bank' }] },
      'services[0].agencyType must be one of',
    ],
    [
      { services: [{ code: 'a', name: 'A', agencyType: 'health', cost: 3 }] },
      'services[0].cost is not a known key',
    ],
    [
      {
        services: [
          { code: 'a', name: 'A', agencyType: 'health' },
          { code: 'a', name: 'B', agencyType: 'health' },
        ],
      },
      'services[1].code a is used twice',
    ],
    [{ service: [] }, 'service is not a known key'],
    [{ services: 'none' }, 'services must be a list'],
  ])('refuses %j naming %s', (document, message) => {
    expect(() => parseServiceDirectory(document)).toThrow(message);
  });
});
