import { touched, withAddedTerms, withExcludedTerms } from '../../core/commands/plan-edits.js';
import type { Handler } from './handler.js';
import { ok } from './kit.js';

/** Add watch terms (OR) or exclusions to the brand query. */
export const editBrandTerms: Handler<'add' | 'exclude'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  const brand = command.name === 'add' ? withAddedTerms(plan.what.brand, command.terms) : withExcludedTerms(plan.what.brand, command.terms);
  kit.checkQuery('brand', brand);
  await kit.savePlan(touched({ ...plan, what: { ...plan.what, brand } }, ctx.user, kit.now));
  return ok({ key: 'cmd.query.updated', params: { plan: plan.name, role: 'brand', query: brand } });
};

/** Replace the competitors or the business-news query. */
export const setOtherQuery: Handler<'competitor' | 'news'> = async (command, ctx, kit) => {
  const plan = await kit.findPlan(ctx, command.plan);
  const role = command.name === 'news' ? 'news' : 'competitors';
  kit.checkQuery(role, command.query);
  await kit.savePlan(touched({ ...plan, what: { ...plan.what, [role]: command.query } }, ctx.user, kit.now));
  return ok({ key: 'cmd.query.updated', params: { plan: plan.name, role, query: command.query } });
};
