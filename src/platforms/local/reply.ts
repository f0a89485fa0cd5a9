import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reply } from '../../core/commands/types.js';
import { t } from '../../i18n/catalog.js';
import type { Locale } from '../../i18n/locale.js';
import { PRIVATE_FILE_MODE, privateDir } from '../../store/private-json-file.js';
import { replyText } from '../reply-text.js';

/**
 * A command's reply in the terminal: its lines, and the file it carries (an export) written under `exportDir`,
 * whose path is printed. A file already there with the same name (same plan, same day) is replaced.
 */
export async function localReply(reply: Reply, locale: Locale, exportDir: string): Promise<string> {
  const text = replyText(reply, locale);
  if (!reply.file) return text;
  // Owner only, like the data folder: an export holds posts, authors and links.
  await privateDir(exportDir);
  const file = path.join(exportDir, path.basename(reply.file.name));
  await rm(file, { force: true });
  await writeFile(file, reply.file.content, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  return `${text}\n${t(locale, 'export.saved', { path: file })}`;
}
