import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AdaptiveCard } from '../../src/platforms/teams/card-kit.js';

const require = createRequire(import.meta.url);

/** Microsoft's Adaptive Cards renderer for the browser, as npm ships it (a UMD bundle: `window.AdaptiveCards`). */
export function adaptiveCardsBundle(): string {
  return readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
}

/**
 * markdown-it for the browser (`window.markdownit`). The renderer leaves markdown to its host, as its docs say;
 * Teams renders bold, italics and links in a TextBlock, which markdown-it does the same way.
 */
export function markdownBundle(): string {
  return readFileSync(path.join(path.dirname(require.resolve('markdown-it/package.json')), 'dist/browser/markdown-it.umd.min.js'), 'utf8');
}

/**
 * A host config close to the Teams light theme (Segoe UI, Teams' purple accent, its attention/good/warning
 * colours): the renderer lays the card out with it, as each Adaptive Cards host does with its own.
 */
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'DejaVu Sans', 'Liberation Sans', sans-serif, 'Noto Color Emoji'",
  supportsInteractivity: true,
  spacing: { small: 4, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#5B5FC7' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        good: { default: '#237B4B', subtle: '#237B4B' },
        warning: { default: '#835C00', subtle: '#835C00' },
        dark: { default: '#242424', subtle: '#616161' },
        light: { default: '#FFFFFF', subtle: '#FFFFFF' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
    good: { backgroundColor: '#E7F2DA', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
    attention: { backgroundColor: '#FCF4F6', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
  },
};

const STYLE = `
body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', sans-serif, 'Noto Color Emoji'; }
#post { width: 620px; padding: 16px 20px; }
.who { display: flex; align-items: center; gap: 10px; margin-bottom: 8px; color: #242424; font-size: 14px; }
.avatar { width: 32px; height: 32px; border-radius: 4px; background: #0b4f8a; color: #fff; font-weight: bold; display: flex; align-items: center; justify-content: center; }
.name { font-weight: 600; } .time { color: #616161; font-size: 12px; }
#card p { margin: 0; }
#card a { color: #5b5fc7; text-decoration: none; }
#card { border-radius: 6px; overflow: hidden; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15); background: #fff; }
.ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; color: #242424; font-weight: 600; padding: 5px 12px; }
.ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
.ac-pushButton.style-destructive { color: #c4314b; border-color: #c4314b; }
`;

/**
 * The page that draws a card with Microsoft's renderer: the card is parsed (parse problems are kept in
 * `window.cardProblems`, which the picture script refuses), rendered with the Teams-like host config, and put in a
 * channel post's frame. `window.cardRendered` is set once it is in the page.
 */
export function teamsCardHtml(card: AdaptiveCard, options: { botName: string; time: string }): string {
  const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<div id="post"><div class="who"><div class="avatar">${options.botName.slice(0, 1)}</div><span class="name">${options.botName}</span><span class="time">${options.time}</span></div><div id="card"></div></div>
<script>${adaptiveCardsBundle()}</script>
<script>${markdownBundle()}</script>
<script>
const markdown = window.markdownit();
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig(${json(TEAMS_LIGHT_HOST_CONFIG)});
const context = new AdaptiveCards.SerializationContext();
card.parse(${json(card)}, context);
window.cardProblems = [];
for (let i = 0; i < context.eventCount; i++) window.cardProblems.push(context.getEventAt(i).message);
document.getElementById('card').appendChild(card.render());
window.cardRendered = true;
</script></body></html>`;
}
