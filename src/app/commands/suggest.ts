import { keywordSuggestions, queryTerms } from '../../core/keywords.js';
import { formatQuery } from '../../core/query/format.js';
import { brandNameOf } from '../../core/respond/facts.js';
import type { ReplyLine } from '../../core/commands/types.js';
import type { Handler } from './handler.js';
import { ok } from './kit.js';

const DAY = 86_400_000;
const DEFAULT_DAYS = 7;

/** A word as the query language writes it (quoted when it must be). */
const asTerm = (word: string): string => formatQuery({ kind: 'term', text: word, prefix: false, position: 1 });

/**
 * `suggest <plan> [days]`: words to add to the brand query (they come with the brand in negative posts) and words to
 * exclude (the company of a homonym), each as the command that applies it, to confirm with a click or by typing it.
 */
export const suggest: Handler<'suggest'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  const days = command.days ?? DEFAULT_DAYS;
  const known = queryTerms(plan.what.brand, plan.what.news, plan.what.competitors, brandNameOf(plan));
  const report = keywordSuggestions(await kit.deps.termTally(plan.id), kit.now - days * DAY, { known });
  const found = [...report.add, ...report.exclude];
  if (found.length === 0) return ok({ key: 'teamfit.suggest.none', params: { plan: plan.name, days, matched: report.matched } });
  const lines: ReplyLine[] = [
    { key: 'teamfit.suggest.header', params: { plan: plan.name, days, matched: report.matched, negative: report.negative } },
  ];
  const choices: NonNullable<Awaited<ReturnType<Handler<'suggest'>>>['choices']> = [];
  for (const s of found) {
    const term = asTerm(s.term);
    lines.push({ key: s.action === 'add' ? 'teamfit.suggest.add' : 'teamfit.suggest.exclude', params: { term, count: s.count, score: s.score } });
    const name = /\s/.test(plan.name) ? `"${plan.name}"` : plan.name;
    choices.push({
      label: { key: s.action === 'add' ? 'teamfit.suggest.button.add' : 'teamfit.suggest.button.exclude', params: { term } },
      command: `${s.action} ${name} ${term}`,
    });
  }
  lines.push(
    { key: 'teamfit.suggest.confirm' },
    ...choices.map((c) => ({ key: 'teamfit.suggest.command' as const, params: { command: c.command } })),
  );
  return { ...ok(...lines), choices };
};
