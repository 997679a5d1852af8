/** Control characters, zero-width and bidirectional marks, the byte-order mark. */
function isInvisible(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * A file name as people gave it, made safe to keep and to send back in Content-Disposition: only
 * the last path segment, no control or bidirectional-override characters (a name that shows as
 * "协议.pdf" but is "协议\u202Efdp.exe"), none of the characters Windows refuses, no leading dots, at
 * most 120 characters (the extension kept), never empty.
 */
export function sanitiseFileName(given: string, fallback = '附件'): string {
  const lastSegment = given.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .split('')
    .filter((character) => !isInvisible(character.charCodeAt(0)))
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const name = cleaned === '' ? fallback : cleaned;
  const characters = [...name];
  if (characters.length <= 120) return name;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  return characters.slice(0, 120 - extension.length).join('') + extension;
}

/** An ASCII stand-in for clients that cannot show the real name (the RFC 6266 `filename` fallback). */
export function asciiFileName(name: string, fallback: string): string {
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '').trim();
  return ascii.length > extension.length ? ascii : `${fallback}${extension}`;
}
