import type { Severity, SeverityLevel, Stage } from '../incident/incident.js';

/**
 * Severity 0..100 from four parts, each 0..1, reported with its parts:
 * - size: negatives above expectation since the incident opened, log scale (1 000 extra → 1);
 * - speed: the peak bucket's ratio to its expectation, log scale (32× → 1);
 * - reach: engagement of the negative posts plus a hundredth of their authors' largest audience (100 000 → 1);
 * - stage: the domino stage, 1 → 0 … 4 → 1.
 * Weights: size 0.3, speed 0.2, reach 0.2, stage 0.3 (how far the story travelled weighs as much as its size).
 * An unknown reach (no engagement, no audience: the sources carry no metrics) is left out and the others share its weight.
 */

export const SEVERITY_WEIGHTS = { size: 0.3, speed: 0.2, reach: 0.2, stage: 0.3 } as const;

/** Lower bounds of each level's score. */
const LEVELS: ReadonlyArray<[number, SeverityLevel]> = [
  [75, 'critical'],
  [50, 'high'],
  [25, 'medium'],
  [0, 'low'],
];

export function levelOf(score: number): SeverityLevel {
  for (const [bound, level] of LEVELS) if (score >= bound) return level;
  return 'low';
}

export const LEVEL_RANK: Record<SeverityLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export interface SeverityInput {
  negative: number;
  expectedNegative: number;
  peakRatio: number;
  engagement: number;
  maxFollowers: number;
  stage: Stage;
}

const clamp01 = (x: number): number => (x > 1 ? 1 : x < 0 || Number.isNaN(x) ? 0 : x);

export function assessSeverity(input: SeverityInput): Severity {
  const parts = {
    size: clamp01(Math.log10(1 + Math.max(0, input.negative - input.expectedNegative)) / 3),
    speed: clamp01(Math.log2(Math.max(1, input.peakRatio)) / 5),
    reach: clamp01(Math.log10(1 + input.engagement + input.maxFollowers / 100) / 5),
    stage: (input.stage - 1) / 3,
  };
  // Sources without metrics (feeds, news) report no engagement at all: a reach of zero then means "not known", and
  // counting it as "nobody saw it" would pull a ×65 storm down to medium. The other parts share its weight instead.
  const reachKnown = input.engagement > 0 || input.maxFollowers > 0;
  const total = reachKnown ? 1 : 1 - SEVERITY_WEIGHTS.reach;
  const score = Math.round(
    (100 / total) *
      (SEVERITY_WEIGHTS.size * parts.size +
        SEVERITY_WEIGHTS.speed * parts.speed +
        (reachKnown ? SEVERITY_WEIGHTS.reach * parts.reach : 0) +
        SEVERITY_WEIGHTS.stage * parts.stage),
  );
  return { score, level: levelOf(score), parts, ...(reachKnown ? {} : { reachUnknown: true as const }) };
}
