import type { Response } from 'undici';
import { SourceError } from '../core/source-error.js';

/**
 * Read a response body as text without ever holding more than `maxBytes`: the declared length is checked
 * first, then the count of decoded bytes while streaming (a compressed body can expand far beyond its header).
 */
export async function readLimitedText(response: Response, maxBytes: number, url: URL): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes, `declares ${declared} bytes`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes, `sent more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return decodeText(Buffer.concat(chunks), response.headers.get('content-type'));
}

function tooLarge(url: URL, maxBytes: number, what: string): SourceError {
  return new SourceError(
    'too_large',
    `${url.host} ${what}; the limit is ${maxBytes} bytes (setting VIGIE_HTTP_MAX_BYTES). Is this URL really a feed?`,
  );
}

/**
 * Bytes to text, in the charset the server names: byte-order mark, then the Content-Type charset, then an
 * XML declaration (many feeds are still ISO-8859-1 and only say so in `<?xml … encoding=…?>`), else UTF-8.
 */
function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const label = bomCharset(bytes) ?? headerCharset(contentType) ?? xmlCharset(bytes) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function headerCharset(contentType: string | null): string | undefined {
  return /;\s*charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
}

function xmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
}
