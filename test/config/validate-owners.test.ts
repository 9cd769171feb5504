import { describe, expect, it } from 'vitest';
import { validateOwnersAgainstServices } from '../../src/config/validate-owners.js';

describe('validateOwnersAgainstServices', () => {
  const config = { filepath: '/repo/.jobownershiprc.json', owners: { emails: 'workers', 'audio:parse-epub': 'worker', billing: 'zzz' } };

  it('accepts owners that name discovered services', () => {
    expect(() => validateOwnersAgainstServices({ filepath: null, owners: { emails: 'workers' } }, ['api', 'workers'])).not.toThrow();
  });

  it('reports every unknown service with a suggestion and the known names', () => {
    expect(() => validateOwnersAgainstServices(config, ['workers', 'api'])).toThrow(
      [
        'Invalid configuration in /repo/.jobownershiprc.json:',
        '  • owners["audio:parse-epub"]: unknown service "worker". Did you mean "workers"? Known services: api, workers.',
        '  • owners.billing: unknown service "zzz". Known services: api, workers.',
      ].join('\n'),
    );
  });

  it('says so when discovery found no service at all', () => {
    expect(() => validateOwnersAgainstServices({ filepath: null, owners: { q: 'api' } }, [])).toThrow(
      'Invalid configuration:\n  • owners.q: unknown service "api". No services were found.',
    );
  });
});
