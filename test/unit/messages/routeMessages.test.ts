import { describe, expect, it } from 'vitest';
import { routeMessages } from '../../../src/messages/route.js';

describe('routeMessages.belowThreshold', () => {
  it('never shows a score just under the threshold as equal to it', () => {
    expect(routeMessages.belowThreshold(0.4999, 0.5, 'x')).toBe('security score 0.49 < 0.50 (x)');
  });

  it('shows a score with two decimals exactly as it is', () => {
    expect(routeMessages.belowThreshold(0.29, 0.5, 'x')).toBe('security score 0.29 < 0.50 (x)');
    expect(routeMessages.belowThreshold(0.3, 0.5, 'x')).toBe('security score 0.30 < 0.50 (x)');
  });
});
