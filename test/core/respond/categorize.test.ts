import { describe, expect, it } from 'vitest';
import { categorize, categorizeText } from '../../../src/core/respond/categorize.js';
import { CATEGORY_IDS } from '../../../src/core/respond/types.js';

describe('categorizeText', () => {
  it.each([
    ['@airline my flight has been delayed for three hours', 'outage_delay'],
    ['They cancelled my flight with no notice', 'cancellation'],
    ['On hold for two hours, nobody answers the phone', 'customer_service'],
    ['My luggage never arrived and the suitcase is damaged', 'lost_damaged'],
    ['The kettle caught fire, this is dangerous, where is the recall', 'product_safety'],
    ['I was charged twice and still no refund of the fee', 'billing_pricing'],
    ['The flight attendant was rude and yelled at my kid', 'staff_conduct'],
    ['Data breach: my personal data and password were leaked', 'data_privacy'],
    ['Their racist ad campaign is discrimination', 'ethics_discrimination'],
    ['Sign the petition and boycott them', 'boycott_petition'],
    ['Is it true? Sounds like fake news and a hoax', 'rumour'],
  ] as const)('English: %s → %s', (text, category) => {
    expect(categorizeText({ text, lang: 'en' }).category).toBe(category);
  });

  it.each([
    ['Mon vol a encore trois heures de retard', 'outage_delay'],
    ['Train annulé sans prévenir', 'cancellation'],
    ['Le service client est injoignable, aucune réponse', 'customer_service'],
    ['Ma valise est arrivée abîmée', 'lost_damaged'],
    ['Rappel de produit : risque d’intoxication', 'product_safety'],
    ['Des frais cachés sur ma facture', 'billing_pricing'],
    ["L'hôtesse a été désagréable et impolie", 'staff_conduct'],
    ['Fuite de données : mes données personnelles exposées', 'data_privacy'],
    ['Publicité raciste, discrimination inacceptable', 'ethics_discrimination'],
    ['Signez la pétition, boycott !', 'boycott_petition'],
    ["C'est une rumeur, une fake news", 'rumour'],
  ] as const)('French: %s → %s', (text, category) => {
    expect(categorizeText({ text, lang: 'fr' }).category).toBe(category);
  });

  it.each([
    ['تأخير الرحلة أكثر من ثلاث ساعات', 'outage_delay'],
    ['تم إلغاء رحلتي بدون إشعار', 'cancellation'],
    ['خدمة العملاء لا يرد أحد', 'customer_service'],
    ['حقيبتي ضاعت في المطار', 'lost_damaged'],
    ['تسمم بعد تناول المنتج', 'product_safety'],
    ['رسوم إضافية على الفاتورة', 'billing_pricing'],
    ['المضيفة كانت وقحة معنا', 'staff_conduct'],
    ['تسريب البيانات الشخصية للعملاء', 'data_privacy'],
    ['إعلان عنصري وتمييز واضح', 'ethics_discrimination'],
    ['قاطعوا الشركة ووقعوا العريضة', 'boycott_petition'],
    ['هذه إشاعة وأخبار كاذبة', 'rumour'],
  ] as const)('Arabic: %s → %s', (text, category) => {
    expect(categorizeText({ text }).category).toBe(category);
  });

  it('ignores case, accents and Arabic letter variants', () => {
    expect(categorizeText({ text: 'VOL ANNULE', lang: 'fr' }).category).toBe('cancellation');
    expect(categorizeText({ text: 'تم الغاء رحلتي' }).category).toBe('cancellation');
  });

  it('guesses the language when none is given', () => {
    expect(categorizeText({ text: 'Mon colis est perdu depuis une semaine' }).category).toBe('lost_damaged');
  });

  it('says other, with no cue to show, when nothing names a category', () => {
    const result = categorizeText({ text: 'Well, that was something.', lang: 'en' });
    expect(result.category).toBe('other');
  });

  it('explains its decision with weighted contributions pointing into the text', () => {
    const text = 'My bag never arrived';
    const result = categorizeText({ text, lang: 'en' });
    const cue = result.contributions.find((c) => c.source === 'cue' && c.category === 'lost_damaged');
    expect(cue).toBeDefined();
    expect(text.slice(cue!.start, cue!.end).toLowerCase()).toMatch(/bag|never arrived/);
    expect(cue!.weight).toBeGreaterThan(0);
  });

  it('ignores @handles and links', () => {
    expect(categorizeText({ text: '@cancelled_flights_bot https://x.com/cancel', lang: 'en' }).category).toBe('other');
  });
});

describe('categorize (an incident)', () => {
  it('names the leading category with the phrases and posts that decided it', () => {
    const result = categorize([
      { text: 'Flight delayed again, two hours on the tarmac', url: 'https://x.com/a/1' },
      { text: 'Another delay, still sitting at the gate', url: 'https://x.com/b/2' },
      { text: 'My bag is lost', url: 'https://x.com/c/3' },
    ]);
    expect(result.category).toBe('outage_delay');
    expect(result.mixed).toBe(false);
    expect(result.breakdown).toEqual([
      { category: 'outage_delay', count: 2, share: 2 / 3 },
      { category: 'lost_damaged', count: 1, share: 1 / 3 },
    ]);
    expect(result.evidence.length).toBeGreaterThan(0);
    for (const e of result.evidence) {
      expect(e.category).toBe('outage_delay');
      expect(['https://x.com/a/1', 'https://x.com/b/2']).toContain(e.url);
      expect(e.excerpt.toLowerCase()).toContain(e.phrase.toLowerCase());
    }
  });

  it('reports a mix when the runner-up is close, with evidence for each', () => {
    const result = categorize([
      { text: 'They cancelled my flight' },
      { text: 'Flight cancelled, stranded overnight' },
      { text: 'My suitcase is lost' },
      { text: 'Luggage damaged' },
    ]);
    expect(result.mixed).toBe(true);
    expect(new Set(result.evidence.map((e) => e.category))).toEqual(new Set(['cancellation', 'lost_damaged']));
  });

  it('leaves out posts without a category when choosing the leader', () => {
    const result = categorize([{ text: 'hmm' }, { text: 'ok then' }, { text: 'flight cancelled' }]);
    expect(result.category).toBe('cancellation');
    expect(result.breakdown.find((b) => b.category === 'other')?.count).toBe(2);
  });

  it('is other with no evidence for an empty or cue-less incident', () => {
    expect(categorize([])).toEqual({ category: 'other', mixed: false, breakdown: [], evidence: [] });
    expect(categorize([{ text: 'meh' }]).category).toBe('other');
  });

  it('only ever answers one of the twelve ids', () => {
    const texts = ['delay', 'annulé', 'حقيبة', 'rude staff', 'petition', 'x'].map((text) => ({ text }));
    expect(CATEGORY_IDS).toContain(categorize(texts).category);
  });
});
