import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLIC_LIMITS, loadConfig } from './config.js';

describe('config', () => {
  it('reads the public rate limits and the proxy setting, with defaults', () => {
    expect(loadConfig({}).publicLimits).toEqual(DEFAULT_PUBLIC_LIMITS);
    expect(loadConfig({}).trustProxy).toBe(false);
    const c = loadConfig({ SAFETYNET_APPLY_PER_HOUR: '5', SAFETYNET_APPLY_STATUS_PER_HOUR: '9', SAFETYNET_TRUST_PROXY: '1' });
    expect(c.publicLimits).toEqual({ submitPerHour: 5, statusPerHour: 9 });
    expect(c.trustProxy).toBe(true);
  });

  it('names a bad variable', () => {
    expect(() => loadConfig({ SAFETYNET_APPLY_PER_HOUR: '0' })).toThrow(/SAFETYNET_APPLY_PER_HOUR/);
    expect(() => loadConfig({ SAFETYNET_TRUST_PROXY: 'yes' })).toThrow(/SAFETYNET_TRUST_PROXY/);
  });
});
