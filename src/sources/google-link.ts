/**
 * Alert links go through `google.com/url?…&url=<target>`, older Google News links through
 * `news.google.com/news/url?…&url=<target>`: the target is the mention's real address.
 */
export function unwrapGoogleRedirect(link: string): string {
  try {
    const url = new URL(link);
    const target = url.searchParams.get('url') ?? url.searchParams.get('q');
    const redirect = url.pathname === '/url' || url.pathname === '/news/url';
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && redirect && target && /^https?:\/\//i.test(target)) return target;
  } catch {
    // Not a URL: keep it as it came.
  }
  return link;
}
