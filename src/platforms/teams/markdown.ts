/**
 * Catalogue replies are written in the chat dialect shared with Slack (`*bold*`, one line per item). Teams reads
 * `*x*` as italics and may join single lines, so: single-star emphasis becomes bold, and every line its own paragraph.
 */
export function toTeamsMarkdown(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/(^|[\s(•])\*([^*\s][^*]*?)\*(?=$|[\s).,:;!?])/g, '$1**$2**'))
    .join('\n\n');
}
