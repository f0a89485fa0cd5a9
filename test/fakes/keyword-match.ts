/**
 * Whether a text satisfies a keyword query as the sources send it: alternatives split by `OR` or `|`, quoted
 * phrases, `-` exclusions applying everywhere, other words all required in their alternative. Parentheses are
 * ignored: enough for the queries the tests use, not a search engine.
 */
export function matchesSearch(query: string, text: string): boolean {
  const hay = text.toLowerCase();
  const tokens = (q: string) => q.match(/-?"[^"]*"|[^\s()]+/g) ?? [];
  const word = (token: string) => token.replace(/^-/, '').replace(/"/g, '').toLowerCase();
  const excluded = tokens(query).filter((t) => t.startsWith('-') && t.length > 1);
  if (excluded.some((t) => hay.includes(word(t)))) return false;
  return query.split(/\s+OR\s+|\|/).some((alternative) =>
    tokens(alternative)
      .filter((t) => !t.startsWith('-'))
      .every((t) => hay.includes(word(t))),
  );
}
