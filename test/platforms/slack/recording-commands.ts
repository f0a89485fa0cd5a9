import type { AlertAction } from '../../../src/core/alert-view.js';
import type { DraftKind } from '../../../src/core/incident/incident.js';
import type { CommandContext, CommandService, PlanForm, PlanFormResult, Reply } from '../../../src/core/commands/types.js';

/**
 * A command service that records what the adapter hands it and answers `help`: for the tests of the adapter's own
 * routing (signatures, Socket Mode, buttons), where what the service does is beside the point.
 */
export class RecordingCommands implements CommandService {
  readonly runs: Array<{ text: string; ctx: CommandContext }> = [];
  readonly actions: Array<{ incidentId: string; action: AlertAction; ctx: CommandContext }> = [];
  readonly usedDrafts: Array<{ incidentId: string; draft: DraftKind; ctx: CommandContext; shown: string | undefined }> = [];
  readonly submits: Array<{ form: PlanForm; ctx: CommandContext }> = [];
  /** How long `run` takes, to play a command that outlives the acknowledgement window. */
  delayMs = 0;
  submitResult: (form: PlanForm) => PlanFormResult = () => ({ ok: false, errors: {} });

  static readonly REPLY: Reply = { ok: true, lines: [{ key: 'cmd.summary.source', params: { kinds: 'rss, x' } }] };

  async run(text: string, ctx: CommandContext): Promise<Reply> {
    this.runs.push({ text, ctx });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return RecordingCommands.REPLY;
  }

  isSlow(text: string): boolean {
    return text.startsWith('test');
  }

  async action(incidentId: string, action: AlertAction, ctx: CommandContext): Promise<Reply> {
    this.actions.push({ incidentId, action, ctx });
    return { ok: true, lines: [{ key: 'cmd.summary.source', params: { kinds: action } }] };
  }

  async useDraft(incidentId: string, draft: DraftKind, ctx: CommandContext, shown?: string): Promise<Reply> {
    this.usedDrafts.push({ incidentId, draft, ctx, shown });
    return { ok: true, lines: [{ key: 'cmd.summary.source', params: { kinds: `used ${draft}` } }] };
  }

  async submitPlanForm(form: PlanForm, ctx: CommandContext): Promise<PlanFormResult> {
    this.submits.push({ form, ctx });
    return this.submitResult(form);
  }

  async planForm(name: string | undefined): Promise<PlanForm> {
    return { name: name ?? '', brand: '', kinds: ['rss'], languages: [], sensitivity: 'normal', escalation: [] };
  }
}
