import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/catalog.js';
import { sentimentModelsLine } from '../../src/platforms/alert-text.js';
import { incident, view } from './teams/fixtures.js';

const REMOTE = 'cardiffnlp/twitter-xlm-roberta-base-sentiment';

describe('which model scored the alert', () => {
  it('names the remote model and, after a fallback, the built-in one, in the reader’s language', () => {
    const samples = incident().samples;
    const mixed = view({ samples: [{ ...samples[0]!, sentimentModel: REMOTE }, samples[1]!] });
    expect(mixed.sentimentModels).toEqual([REMOTE, 'builtin']);
    expect(sentimentModelsLine(mixed, translator('en'))).toBe(`Sentiment scored by: ${REMOTE}, Vigie's built-in model`);
    expect(sentimentModelsLine(mixed, translator('fr'))).toBe(`Sentiment évalué par : ${REMOTE}, le modèle intégré de Vigie`);
  });

  it('says the built-in model when no remote model is configured', () => {
    expect(view().sentimentModels).toEqual(['builtin']);
  });
});
