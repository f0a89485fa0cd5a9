import { describe, expect, it } from 'vitest';
import { embeddedObject, readPetitionPage, wholeNumber } from '../../src/sources/petition-page.js';
import { petitionSiteOf } from '../../src/sources/petition-site.js';

describe('wholeNumber', () => {
  it.each([
    ['19.509', 19509],
    ['19 509', 19509],
    ['19\u202f509', 19509],
    ['1,234,567', 1234567],
    ['12’345', 12345],
    ['842', 842],
  ])('reads %s as %d', (text, n) => {
    expect(wholeNumber(text)).toBe(n);
  });

  it('refuses what is not a whole count (no guessed numbers)', () => {
    for (const text of ['1,2 M', '19.5', '1.2345', '', 'mille', '12 345 67']) expect(wholeNumber(text), text).toBeUndefined();
  });
});

describe('petition pages by site', () => {
  it('knows the sites it reads', () => {
    expect(petitionSiteOf('https://www.change.org/p/x')).toBe('change.org');
    expect(petitionSiteOf('https://secure.avaaz.org/community_petitions/fr/x')).toBe('avaaz');
    expect(petitionSiteOf('https://www.mesopinions.com/petition/a/b/1')).toBe('mesopinions');
    expect(petitionSiteOf('https://petition.parliament.uk/petitions/1')).toBeUndefined();
  });

  // Stand-in: no saved change.org page was found in public repositories. The structure is the one public
  // scrapers read (window.changeTargetingData.petition.signatureCount.total, e.g. openpolitica/proclama-preliminar).
  const changeOrg = `<html><head><meta property="og:title" content="Stop the layoffs at Acme · Change.org"></head><body>
    <script>window.changeTargetingData = {"reactFe":true,"petition":{"id":"28767136","signatureCount":{"total":24845,"displayed":24845,"goal":25000}}};</script>
    </body></html>`;

  it('reads change.org counts from the state the page embeds, the title from og:title', () => {
    expect(readPetitionPage(changeOrg, 'change.org')).toEqual({ page: { title: 'Stop the layoffs at Acme', signatures: 24845 } });
  });

  it('reads a signing counter from JSON-LD when a page has one, on any site', () => {
    const html = `<title>Pétition : Sauvez la gare</title><script type="application/ld+json">{"@type":"WebPage","interactionStatistic":{"@type":"InteractionCounter","interactionType":"https://schema.org/SignAction","userInteractionCount":1203}}</script>`;
    expect(readPetitionPage(html, 'avaaz')).toEqual({ page: { title: 'Sauvez la gare', signatures: 1203 } });
  });

  it('says the layout is not understood when no known structure has a count', () => {
    expect(readPetitionPage('<h1>Sauvez la gare</h1><p>1 203 personnes ont signé</p>', 'avaaz')).toEqual({
      unknownLayout: 'avaaz page: no signature count in the structures known for avaaz',
    });
    expect(readPetitionPage('<p>no title</p>', 'mesopinions')).toEqual({
      unknownLayout: 'mesopinions page: no title (no h1, og:title or title element)',
    });
  });

  it('finds an embedded object whatever braces its strings hold', () => {
    expect(embeddedObject('<script>var s = {"a":"}{","b":{"c":[1,2]}};</script>', 's')).toEqual({ a: '}{', b: { c: [1, 2] } });
    expect(embeddedObject('<script>var s = {broken</script>', 's')).toBeUndefined();
    expect(embeddedObject('<p>nothing</p>', 's')).toBeUndefined();
  });
});
