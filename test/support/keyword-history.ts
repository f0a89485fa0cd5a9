import type { Mention } from '../../src/core/mention.js';

/**
 * A brand with a homonym, as `suggest` sees it: 12 complaints about the network and 30 offers (all with the brand's
 * #OrangeMaroc), and 15 recipes with orange juice (no anchor), published in the hours before `now`.
 */
export function keywordHistory(now: number): Mention[] {
  const mention = (id: string, text: string, minutesAgo: number): Mention => ({
    id,
    sourceKind: 'rss',
    url: `https://news.example/${id}`,
    author: 'someone',
    text,
    publishedAt: now - minutesAgo * 60_000,
  });
  const out: Mention[] = [];
  for (let i = 0; i < 12; i++) out.push(mention(`neg-${i}`, `#OrangeMaroc réseau coupé depuis ce matin, panne terrible, service nul ${i}`, 300 + i));
  for (let i = 0; i < 30; i++) out.push(mention(`offer-${i}`, `#OrangeMaroc nouvelle offre fibre pour les familles ${i}`, 400 + i));
  for (let i = 0; i < 15; i++) out.push(mention(`juice-${i}`, `Recette du jus d'orange pressée et gâteau moelleux ${i}`, 500 + i));
  return out;
}
