import type { types } from '@slack/bolt';
import { formatInZone } from '../../core/time-zone.js';

export type KnownBlock = types.KnownBlock;
export type PlainText = types.PlainTextElement;
export type Mrkdwn = types.MrkdwnElement;

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks): past them Slack rejects the whole message. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionField: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  modalTitle: 24,
  fallbackText: 4000,
} as const;

/** Cut `text` to `max` characters, ending with an ellipsis when something was dropped. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Split long mrkdwn into chunks that each fit a section, at line breaks where possible. */
export function chunks(text: string, max: number = LIMITS.sectionText): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of text.split('\n')) {
    const size = Array.from(line).length;
    const added = current.length === 0 ? size : length + 1 + size;
    if (added <= max) {
      current.push(line);
      length = added;
      continue;
    }
    if (current.length > 0) out.push(current.join('\n'));
    current = [size <= max ? line : clip(line, max)];
    length = Math.min(size, max);
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
}

/** Text a user or a web page wrote, made inert in mrkdwn (no mentions, links or formatting injected). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|label>`: characters that would end the link early are percent-encoded in the URL and escaped in the label. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
  return `<${safeUrl}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

/** A date Slack renders in each reader's own time zone, with a fallback in the plan's zone for old clients. */
export function slackDate(epochMs: number, timeZone = 'UTC'): string {
  const seconds = Math.floor(epochMs / 1000);
  const fallback = formatInZone(epochMs, timeZone);
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallback}>`;
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainText {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: 'mrkdwn', text: clip(text, max) };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** One section per chunk, so that long text is kept rather than cut. */
export function sections(text: string): KnownBlock[] {
  return chunks(text).map((part) => section(part));
}

export function context(texts: string[]): KnownBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((text) => mrkdwn(text)) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/**
 * Keep a message within the block limit: the first blocks carry the essentials, the last one (buttons) must stay,
 * so the middle is dropped and replaced by a note.
 */
export function fitBlocks(blocks: KnownBlock[], note: string, keepLast = 0, max: number = LIMITS.blocksPerMessage): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const tail = keepLast > 0 ? blocks.slice(-keepLast) : [];
  const head = blocks.slice(0, max - tail.length - 1);
  return [...head, context([note]), ...tail];
}
