import type { Incident, SeverityLevel } from '../incident/incident.js';
import type { Plan } from '../plan.js';
import { categorize } from './categorize.js';
import { extractFacts, type FactOptions, type Facts } from './facts.js';
import type { ChecklistItem, FactName, Playbook } from './playbook.js';
import type { Categorization, Drafts, Suggestion } from './types.js';

const SEVERITY_ORDER: readonly SeverityLevel[] = ['low', 'medium', 'high', 'critical'];

export type SuggestionOptions = FactOptions;

/** `{fact}` → its value. Unknown names cannot occur: the playbook schema rejects them at load time. */
export function fill(template: string, values: Partial<Record<FactName, string>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: FactName) => values[name] ?? whole).trim();
}

/** The category of an incident: from its negative samples, the only mention texts it keeps. */
export function categorizeIncident(incident: Incident): Categorization {
  return categorize(
    incident.samples
      .filter((s) => s.sentiment === 'negative')
      .map((s) => ({ text: s.title ? `${s.title}\n${s.text}` : s.text, url: s.url, ...(s.lang ? { lang: s.lang } : {}) })),
  );
}

function applies(item: ChecklistItem, incident: Incident, categorization: Categorization): boolean {
  if (item.minSeverity && SEVERITY_ORDER.indexOf(incident.severity.level) < SEVERITY_ORDER.indexOf(item.minSeverity)) {
    return false;
  }
  if (item.minStage && incident.stage < item.minStage) return false;
  if (item.categories) {
    const present = new Set(categorization.mixed ? categorization.breakdown.map((b) => b.category) : [categorization.category]);
    if (!item.categories.some((c) => present.has(c))) return false;
  }
  if (item.channels && !incident.sources.some((s) => item.channels!.includes(s.channel))) return false;
  return true;
}

/** The facts drafts may use for this incident: what `polishSuggestion` checks a rewrite against. */
export function draftFacts(incident: Incident, plan: Plan, playbook: Playbook, options: SuggestionOptions): Facts {
  return extractFacts(incident, plan, playbook, categorizeIncident(incident), options);
}

/**
 * Template drafts for an incident, from a playbook: holding statement, replies to the first complainers, internal
 * brief and checklist. Pure; every fact comes from the incident and plan, everything else is playbook wording or a
 * `[placeholder]` for a human.
 */
export function buildSuggestion(incident: Incident, plan: Plan, playbook: Playbook, options: SuggestionOptions): Suggestion {
  return prepareSuggestion(incident, plan, playbook, options).suggestion;
}

/** The template suggestion and the facts it was built from (what `polishSuggestion` checks a rewrite against). */
export function prepareSuggestion(
  incident: Incident,
  plan: Plan,
  playbook: Playbook,
  options: SuggestionOptions,
): { suggestion: Suggestion; facts: Facts } {
  return renderDrafts(incident, plan, playbook, categorizeIncident(incident), options);
}

/** The drafts for an incident already categorised (a test renders every category this way). */
export function renderDrafts(
  incident: Incident,
  plan: Plan,
  playbook: Playbook,
  categorization: Categorization,
  options: SuggestionOptions,
): { suggestion: Suggestion; facts: Facts } {
  const facts = extractFacts(incident, plan, playbook, categorization, options);
  const level = incident.severity.level;
  const wording = playbook.categories[categorization.category];
  const values: Partial<Record<FactName, string>> = { ...facts.values };
  // A team's playbook may cite other facts in a category's issue: filled before the templates that cite {issue}.
  values.issue = fill(facts.values.issue, values);
  values.known = fill(wording.known, values);
  values.action = fill(wording.action, values);
  values.decisions = playbook.decide[level].map((d) => `- ${fill(d, values)}`).join('\n');

  const replies = facts.firstPosts.map((post) => ({
    ...post,
    text: fill(playbook.reply[post.channel], { ...values, author: post.author, post_url: post.url }),
  }));
  const replyTo = facts.firstPosts[0];
  const drafts: Drafts = {
    holding: fill(typeof wording.holding === 'string' ? wording.holding : (wording.holding?.[level] ?? playbook.holding[level]), values),
    reply: replyTo
      ? fill(playbook.reply[replyTo.channel], { ...values, author: replyTo.author, post_url: replyTo.url })
      : fill(playbook.reply.microblog, { ...values, author: '[author]', post_url: '[link]' }),
    brief: fill(playbook.brief, values),
    checklist: {
      do: playbook.checklist.do.filter((i) => applies(i, incident, categorization)).map((i) => fill(i.text, values)),
      dont: playbook.checklist.dont.filter((i) => applies(i, incident, categorization)).map((i) => fill(i.text, values)),
    },
    replies: replies.map(({ url, author, sourceKind, channel, text }) => ({ url, author, sourceKind, channel, text })),
  };
  // Headings and drafts in one language: the playbook's (the plan's locale, or the one `vigie suggest --lang` asked for).
  const suggestion: Suggestion = {
    locale: playbook.language,
    categorization,
    drafts,
    polished: false,
  };
  return { suggestion, facts };
}
