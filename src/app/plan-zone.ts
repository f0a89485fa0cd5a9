import type { Plan } from '../core/plan.js';

/**
 * The time zone a plan's times are written in (reports, digests, charts). One function so that a plan-level zone
 * setting replaces the quiet-hours zone in one place.
 */
export function planZone(plan: Plan): string {
  return plan.quietHours?.timeZone ?? 'UTC';
}
