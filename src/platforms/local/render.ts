import type { Translate } from '../../i18n/catalog.js';
import { isolate, rightToLeftLines } from '../../i18n/bidi.js';
import { isRightToLeft, type Locale } from '../../i18n/locale.js';
import type { AlertMessage } from '../notifier.js';
import {
  escalateLine,
  explanation,
  headline,
  postLine,
  resolveLine,
  severityLine,
  sourcesLine,
  stateLines,
  totalsLine,
  updateLine,
  sentimentModelsLine,
} from '../alert-text.js';
import { suggestionLines } from '../suggestion-text.js';
import { chartSummary } from './chart-text.js';
import { competitorLines, remindDirectLine, remindLine } from '../teamfit-text.js';

/**
 * Terminal lines of one alert message: the parent flush left, thread replies indented under it. In Arabic the
 * incident tag is an isolate and each line is marked right to left, for terminals that lay out bidi text.
 */
export function renderLocal(message: AlertMessage, t: Translate, locale: Locale): string[] {
  if (!isRightToLeft(locale)) return linesOf(message, t, locale, `[${message.view.incidentId.slice(0, 8)}]`);
  return linesOf(message, t, locale, isolate(`[${message.view.incidentId.slice(0, 8)}]`)).map(rightToLeftLines);
}

function linesOf(message: AlertMessage, t: Translate, locale: Locale, tag: string): string[] {
  const view = message.view;
  switch (message.kind) {
    case 'open':
    case 'state':
      return [
        `${message.kind === 'open' ? '🚨' : '🔄'} ${tag} ${headline(view, t)}`,
        `   ${t(`alert.stage.${view.stage}`)}`,
        `   ${explanation(view, t, locale)}`,
        `   ${severityLine(view, t)}`,
        `   ${totalsLine(view, t)}`,
        `   ${sourcesLine(view, t)}`,
        ...(view.sentimentModels.length > 0 ? [`   ${sentimentModelsLine(view, t)}`] : []),
        ...(view.topPosts.length > 0
          ? [`   ${t('alert.top_posts')}`, ...view.topPosts.map((p) => `   - [${t('corr.post_ref', { ref: p.ref })}] ${postLine(p, t)}`)]
          : []),
        ...stateLines(view, t).map((l) => `   ${l}`),
        `   ${t('alert.buttons.local', { id: view.incidentId })}`,
        ...(view.topPosts.length > 0 && view.status === 'open' ? [`   ${t('corr.local_hint')}`] : []),
        ...(view.reportUrl !== undefined ? [`   ${t('report.open_local', { url: view.reportUrl })}`] : []),
      ];
    case 'update':
      return reply(tag, [updateLine(view, message.previous, t), explanation(view, t, locale), t(`alert.stage.${view.stage}`)]);
    case 'resolve':
      return reply(tag, [resolveLine(view, t)]);
    case 'escalate':
      return reply(tag, [escalateLine(view, message.by, t, (id) => `@${id}`)]);
    case 'suggestions':
      return reply(tag, [...suggestionLines(message.suggestion, t), '', t('used.hint', { incident: view.incidentId })]);
    case 'chart':
      return reply(tag, chartSummary(message.chart, t));
    case 'competitor': {
      const lines = competitorLines(view, message.competitor, t);
      return [`${lines.title}`, `   ${lines.body}`, `   ${lines.advice}`];
    }
    case 'remind':
      return reply(tag, [remindLine(view, message.afterMs, t, view.escalation.map((id) => `@${id}`).join(' '))]);
    case 'remind_dm':
      return [`✉️ @${message.user}: ${remindDirectLine(view, message.afterMs, t)}`];
  }
}

function reply(tag: string, lines: string[]): string[] {
  const [first, ...rest] = lines.flatMap((l) => l.split('\n'));
  return [`   ↳ ${tag} ${first ?? ''}`, ...rest.map((l) => `     │ ${l}`)];
}
