import { describe, expect, it } from 'vitest';
import { help } from '../../../src/app/commands/help.js';
import { createKit } from '../../../src/app/commands/kit.js';
import type { CommandDeps } from '../../../src/app/commands/deps.js';
import { COMMAND_NAMES } from '../../../src/core/commands/grammar.js';
import { parseCommand } from '../../../src/core/commands/parse.js';
import { t } from '../../../src/i18n/catalog.js';
import { replyText } from '../../../src/platforms/reply-text.js';

const deps = { sources: { kinds: () => ['rss', 'gnews'] } } as unknown as CommandDeps;
const ctx = { scope: { platform: 'local', workspace: 'local' }, channel: 'terminal', user: 'me', locale: 'en' } as const;

describe('help', () => {
  it('lists every command of the grammar, in its order, each with its syntax and summary', async () => {
    expect(COMMAND_NAMES.length).toBeGreaterThan(10);
    const reply = await help({ name: 'help' }, ctx, createKit(deps, 0));
    const text = replyText(reply, 'en');
    let from = 0;
    for (const name of COMMAND_NAMES) {
      const syntax = t('en', `cmd.syntax.${name}`);
      const at = text.indexOf(syntax, from);
      expect(at, `${name} is listed after the previous command`).toBeGreaterThanOrEqual(from);
      from = at + syntax.length;
    }
    expect(text).toContain('where to listen (rss, gnews)');
  });

  it('shows syntaxes that parse: each example typed as shown reaches its own command', () => {
    const examples: Record<string, string> = { watch: 'watch acme Acme', source: 'source acme rss', act: 'act 1234 ack', plan: 'plan' };
    expect(Object.keys(examples).length).toBe(4);
    for (const [name, line] of Object.entries(examples)) expect(parseCommand(line).name).toBe(name);
    for (const name of COMMAND_NAMES) expect(t('fr', `cmd.summary.${name}`)).not.toBe(t('en', `cmd.summary.${name}`));
  });
});
