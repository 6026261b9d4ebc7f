// Does the system still answer as its own runbook promises? Drift between code and runbook is a P2 finding, never a page.
import { test, expect, check, notApplicable } from '../../fixtures/index.ts';

test("endpoints keep the runbook's promises @smoke @gate", check({ id: 'api.runbook.drift', severity: 'P2', feature: 'contract' }), async ({ api, profile }) => {
  if (!profile.promises.length) notApplicable(`profile ${profile.name} records no runbook promises`);
  for (const promise of profile.promises) {
    await test.step(`${promise.title}: GET ${promise.path}`, async () => {
      const res = await api.request('GET', promise.path, { step: 'runbook.promise' });
      expect.soft(res.status, `${promise.title}: GET ${promise.path} (request id ${res.requestId})`).toBe(promise.status);
      for (const name of promise.fields ?? []) {
        expect.soft(res.body && typeof res.body === 'object' ? Object.keys(res.body) : [], `${promise.title}: field "${name}" of GET ${promise.path}`).toContain(name);
      }
    });
  }
});
