import { z } from 'zod';

/** Rich-text facets of a post record (`app.bsky.richtext.facet`): only links matter to Vigie. */
export const FacetsSchema = z
  .array(
    z.object({
      index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
      features: z.array(z.object({ $type: z.string(), uri: z.string().optional() })),
    }),
  )
  .optional()
  .catch(undefined);

/**
 * A post's text with its links written out in full. Clients shorten the visible text of a link
 * ("drive.google.com/file/d/1wZ7W...") and keep the address in a link facet, indexed in UTF-8 bytes: a link
 * to a petition or an article is only findable in the facet.
 */
export function textWithLinks(text: string, facets: z.infer<typeof FacetsSchema>): string {
  const links = (facets ?? [])
    .map((facet) => ({ ...facet.index, uri: facet.features.find((f) => f.$type === 'app.bsky.richtext.facet#link')?.uri }))
    .filter((link): link is { byteStart: number; byteEnd: number; uri: string } => link.uri !== undefined && link.byteEnd > link.byteStart)
    .sort((a, b) => b.byteStart - a.byteStart);
  let bytes = Buffer.from(text, 'utf8');
  let previousStart = Number.POSITIVE_INFINITY;
  for (const link of links) {
    // Overlapping or out-of-range facets are not trusted: the text stays as the author's client wrote it.
    if (link.byteEnd > bytes.length || link.byteEnd > previousStart) continue;
    const shown = bytes.subarray(link.byteStart, link.byteEnd).toString('utf8');
    if (shown !== link.uri) bytes = Buffer.concat([bytes.subarray(0, link.byteStart), Buffer.from(link.uri, 'utf8'), bytes.subarray(link.byteEnd)]);
    previousStart = link.byteStart;
  }
  return bytes.toString('utf8');
}
