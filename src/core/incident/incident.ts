import { z } from 'zod';
import { MentionSchema, SourceKindSchema } from '../mention.js';
import { SentimentLabelSchema } from '../sentiment/types.js';
import { ExplanationSchema } from '../detect/types.js';

/** 1 isolated complaints → 2 amplification → 3 spreading to other platforms → 4 news coverage or a petition. */
export const StageSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Stage = z.infer<typeof StageSchema>;

export const SeverityLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);
export type SeverityLevel = z.infer<typeof SeverityLevelSchema>;

export const SeveritySchema = z.object({
  /** 0..100 */
  score: z.number().min(0).max(100),
  level: SeverityLevelSchema,
  /** Each part 0..1, as combined into the score. */
  parts: z.object({ size: z.number(), speed: z.number(), reach: z.number(), stage: z.number() }),
  /** No source told how many people the posts reached: `parts.reach` is then 0 and left out of the score. */
  reachUnknown: z.literal(true).optional(),
});
export type Severity = z.infer<typeof SeveritySchema>;

/** A negative mention kept as evidence of an incident: the only place raw mention text is stored. */
export const SampleSchema = MentionSchema.extend({
  sentiment: SentimentLabelSchema,
  confidence: z.number(),
  /** The remote model that scored it (VIGIE_SENTIMENT_URL); absent when the built-in model did. */
  sentimentModel: z.string().optional(),
  /** Engagement per minute since publication, when metrics are known. */
  velocity: z.number().optional(),
  /** Set when someone corrected its sentiment (`sentiment` then holds their label): who, when, and the model's label. */
  corrected: z.object({ by: z.string(), at: z.number(), from: SentimentLabelSchema }).optional(),
  /** Which of the plan's queries the post matched (brand, news, competitor). */
  matched: z.array(z.string()).optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const SourceSpreadSchema = z.object({
  kind: SourceKindSchema,
  channel: z.enum(['microblog', 'forum', 'blog', 'video', 'news', 'petition']),
  firstSeenAt: z.number(),
  negative: z.number(),
});

const Actor = z.object({ by: z.string(), at: z.number() });

/** The suggested responses a team can mark as used, numbered 1, 2, 3 in this order (`used <incident> <n>`). */
export const DRAFT_KINDS = ['holding', 'reply', 'brief'] as const;
export const DraftKindSchema = z.enum(DRAFT_KINDS);
export type DraftKind = z.infer<typeof DraftKindSchema>;

/** A suggested response the team marked as used: which one, its text as shown when it was marked, who, when. */
export const UsedDraftSchema = Actor.extend({ kind: DraftKindSchema, n: z.number().int(), text: z.string() });
export type UsedDraft = z.infer<typeof UsedDraftSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  planId: z.string(),
  status: z.enum(['open', 'resolved']),
  /** Start of the bucket that opened it. */
  openedAt: z.number(),
  /** Start of the last bucket that updated it. */
  lastBucketAt: z.number(),
  resolvedAt: z.number().optional(),
  stage: StageSchema,
  severity: SeveritySchema,
  /** The detector's latest explanation (the one shown in the alert). */
  explanation: ExplanationSchema,
  /** Totals since the incident opened. */
  counts: z.object({ negative: z.number(), total: z.number(), engagement: z.number(), expectedNegative: z.number() }),
  peak: z.object({ bucketStart: z.number(), negative: z.number(), expected: z.number() }),
  sources: z.array(SourceSpreadSchema),
  /** Top negative posts, bounded. */
  samples: z.array(SampleSchema),
  acknowledged: Actor.optional(),
  escalated: Actor.optional(),
  muted: Actor.extend({ until: z.number() }).optional(),
  falsePositive: Actor.optional(),
  /** When the app first queued this incident's alert; unset for an incident found only in past history. */
  alertedAt: z.number().optional(),
  /** What the last notification said, to emit updates only on material change. */
  notified: z.object({ stage: StageSchema, severity: z.number(), negative: z.number(), at: z.number() }).optional(),
  /** Each update posted to the thread (stage, severity, negatives then), the latest 50: the report's timeline. */
  updates: z.array(z.object({ at: z.number(), stage: StageSchema, severity: z.number(), negative: z.number() })).optional(),
  /** The suggested responses marked as used, at most one per kind, in the order they were marked. */
  usedDrafts: z.array(UsedDraftSchema).optional(),
  /** `report revoke`: report links issued before this time no longer open the incident's page. */
  reportRevokedAt: z.number().optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;
