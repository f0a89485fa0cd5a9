/** Petition sites whose pages Vigie reads for a signature count. */
export type PetitionSite = 'change.org' | 'avaaz' | 'mesopinions';

const SITES: Array<[RegExp, PetitionSite]> = [
  [/(^|\.)change\.org$/, 'change.org'],
  [/(^|\.)avaaz\.org$/, 'avaaz'],
  [/(^|\.)mesopinions\.com$/, 'mesopinions'],
];

export function petitionSiteOf(url: string): PetitionSite | undefined {
  try {
    const host = new URL(url).hostname;
    return SITES.find(([pattern]) => pattern.test(host))?.[1];
  } catch {
    return undefined;
  }
}
