import type { KnownBlock } from '../../src/platforms/slack/blocks.js';
import type { SlackMessage } from '../../src/platforms/slack/render.js';

/**
 * A preview of a Slack message from its Block Kit payload, for the README's picture: our own HTML for the block
 * types Vigie posts (header, section, context, divider, image, actions), drawn to look like Slack's light theme.
 * It is not Slack's rendering: dates show their fallback text, and Slack's own fonts and spacing differ.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Slack mrkdwn as HTML: `<url|label>` links, `<!date^…|fallback>` dates (their fallback), `*bold*`, `_italic_`,
 * `~strike~`, `` `code` `` and line breaks. Slack's own escapes (&amp; &lt; &gt;) are already in the text.
 */
export function mrkdwnHtml(text: string): string {
  const tokens: string[] = [];
  const hold = (html: string): string => `\uE000${tokens.push(html) - 1}\uE000`;
  let out = text
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, (_m, fallback: string) => hold(`<span class="date">${fallback}</span>`))
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => hold(`<a href="${url}">${label}</a>`))
    .replace(/<(https?:[^>]+)>/g, (_m, url: string) => hold(`<a href="${url}">${url}</a>`))
    .replace(/<@([UW][A-Z0-9]+)>/g, (_m, id: string) => hold(`<span class="mention">@${id}</span>`));
  out = out
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(“"])\*([^*\n]+)\*/g, '$1<b>$2</b>')
    .replace(/(^|[\s(“"])_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/(^|[\s(“"])~([^~\n]+)~/g, '$1<s>$2</s>')
    .replace(/\n/g, '<br>');
  // Slack text arrives with &, < and > already escaped; nothing else in it is markup.
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => tokens[Number(i)]!);
}

type TextObject = { type: string; text: string };

function textHtml(text: TextObject): string {
  return text.type === 'mrkdwn' ? mrkdwnHtml(text.text) : escapeHtml(text.text).replace(/\n/g, '<br>');
}

function blockHtml(block: KnownBlock): string {
  const b = block as unknown as Record<string, unknown> & { type: string };
  switch (b.type) {
    case 'header':
      return `<div class="header">${textHtml(b.text as TextObject)}</div>`;
    case 'section': {
      const fields = (b.fields as TextObject[] | undefined) ?? [];
      const text = b.text ? `<div class="text">${textHtml(b.text as TextObject)}</div>` : '';
      const grid = fields.length > 0 ? `<div class="fields">${fields.map((f) => `<div>${textHtml(f)}</div>`).join('')}</div>` : '';
      // An overflow menu ("wrong sentiment" beside an evidence post) is drawn as Slack draws it: a ⋮ button on the right.
      const menu = (b.accessory as { type?: string } | undefined)?.type === 'overflow' ? '<span class="overflow"></span>' : '';
      return `<div class="section${menu ? ' with-menu' : ''}">${text}${grid}${menu}</div>`;
    }
    case 'context':
      return `<div class="context">${(b.elements as TextObject[]).map((e) => `<span>${textHtml(e)}</span>`).join('')}</div>`;
    case 'divider':
      return '<hr>';
    case 'image':
      return `<div class="image"><img src="${escapeHtml(String(b.image_url))}" alt="${escapeHtml(String(b.alt_text))}"></div>`;
    case 'actions':
      return `<div class="actions">${(b.elements as Array<{ text: TextObject; style?: string }>)
        .map((e) => `<span class="button ${e.style ?? ''}">${textHtml(e.text)}</span>`)
        .join('')}</div>`;
    default:
      throw new Error(`the Slack preview does not draw "${b.type}" blocks yet`);
  }
}

const STYLE = `
body { margin: 0; background: #ffffff; font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif, 'Noto Color Emoji'; }
.message { display: flex; gap: 10px; padding: 14px 20px 16px; width: 760px; color: #1d1c1d; font-size: 15px; line-height: 1.47; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #0b4f8a; color: #fff; font-weight: bold; font-size: 19px;
  display: flex; align-items: center; justify-content: center; }
.name { font-weight: bold; } .badge { font-size: 10px; color: #616061; background: #eeeeee; border-radius: 2px; padding: 1px 3px; margin: 0 4px; }
.time { color: #616061; font-size: 12px; }
.header { font-size: 18px; font-weight: bold; margin: 4px 0 6px; }
.section { margin: 6px 0; } .section.with-menu { display: flex; gap: 12px; align-items: flex-start; } .section.with-menu .text { flex: 1; }
.overflow { flex: none; width: 26px; height: 26px; border: 1px solid #bbbbbb; border-radius: 4px; text-align: center; line-height: 24px; }
.overflow::before { content: '⋮'; font-weight: bold; color: #1d1c1d; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; }
.context { color: #616061; font-size: 13px; margin: 4px 0; } .context span + span::before { content: ' '; }
a { color: #1264a3; text-decoration: none; } code { font-size: 12px; color: #e01e5a; background: #f6f6f6; border: 1px solid #dddddd; border-radius: 3px; padding: 0 3px; }
hr { border: none; border-top: 1px solid #dddddd; margin: 10px 0; }
.actions { display: flex; gap: 8px; margin-top: 10px; }
.button { border: 1px solid #bbbbbb; border-radius: 4px; padding: 3px 12px; font-weight: bold; font-size: 14px; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #ffffff; } .button.danger { color: #e01e5a; border-color: #e01e5a; }
`;

/** The whole preview page: one message from the bot, with its name, the APP badge and the time it was posted. */
export function slackPreviewHtml(message: SlackMessage, options: { botName: string; time: string }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<div class="message" id="message"><div class="avatar">${escapeHtml(options.botName.slice(0, 1))}</div><div class="content">
<div><span class="name">${escapeHtml(options.botName)}</span><span class="badge">APP</span><span class="time">${escapeHtml(options.time)}</span></div>
${message.blocks.map(blockHtml).join('\n')}
</div></div></body></html>`;
}
