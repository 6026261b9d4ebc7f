// Does every answer carry what operators need to trace it, and the headers that keep browsers safe?
import { test, expect, check } from '../../fixtures/index.ts';

test('request ids are echoed in headers and error bodies @smoke @gate', check({ id: 'api.cross.request-id', severity: 'P2', feature: 'cross-cutting', needs: ['health', 'getHotelPackage'] }), async ({ api }) => {
  const ok = await api.call('health', { step: 'cross.health' });
  expect(ok.headers['x-request-id'], 'X-Request-ID on a success').toBe(ok.sentRequestId);
  const error = await api.call('getHotelPackage', { params: { id: 'no-such-package' }, step: 'cross.error', validate: 'record' });
  expect(error.headers['x-request-id'], 'X-Request-ID on an error').toBe(error.sentRequestId);
  expect((error.body as { requestId?: string }).requestId, 'requestId in the error body').toBe(error.sentRequestId);
});

test('security headers are present and X-Powered-By is not @gate', check({ id: 'api.cross.security-headers', severity: 'P2', feature: 'cross-cutting' }), async ({ api, profile }) => {
  const res = await api.request('GET', profile.probePath, { step: 'cross.health' });
  expect(res.headers['strict-transport-security'], 'Strict-Transport-Security').toBeTruthy();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(['DENY', 'SAMEORIGIN']).toContain(res.headers['x-frame-options']?.toUpperCase());
  expect(res.headers['referrer-policy'], 'Referrer-Policy').toBeTruthy();
  expect(res.headers['x-powered-by'], 'X-Powered-By').toBeUndefined();
});
