import { describe, expect, it } from 'vitest';
import { sectionKeys, t } from '../../src/i18n/catalog.js';

describe('message catalogue', () => {
  it('has no key defined by two sections', () => {
    const seen = new Map<string, number>();
    const sections = sectionKeys();
    // A clash needs two sections with keys: fewer and the loop below has nothing to compare.
    expect(sections.filter((keys) => keys.length > 0).length).toBeGreaterThanOrEqual(2);
    sections.forEach((keys, section) => {
      for (const key of keys) {
        expect(seen.has(key), `${key} is in sections ${seen.get(key)} and ${section}`).toBe(false);
        seen.set(key, section);
      }
    });
  });

  it('renders placeholders and leaves a missing one visible', () => {
    expect(t('en', 'cmd.error.plan_not_found', { plan: 'acme' })).toContain('"acme"');
    expect(t('fr', 'cmd.error.plan_not_found', { plan: 'acme' })).toContain('« acme »');
    expect(t('en', 'cmd.error.plan_not_found')).toContain('{plan}');
  });
});
