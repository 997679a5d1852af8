import { describe, expect, it } from 'vitest';
import { normalisePhone, partyLookupValues } from '../../../domain/party-lookup.js';
import { lookupDigest } from '../../../lib/lookup-digest.js';

describe('what a party is looked up by', () => {
  it('reads one phone number however it is typed', () => {
    for (const typed of [
      '13800002222',
      '+86 138 0000 2222',
      '0086-138-0000-2222',
      '8613800002222',
      '138-0000-2222',
    ])
      expect(normalisePhone(typed)).toBe('13800002222');
    expect(normalisePhone('+86 471 8221234')).toBe('4718221234');
    expect(normalisePhone('0471-8221234')).toBe('04718221234');
    expect(normalisePhone('12345')).toBeUndefined();
  });

  it('reads an ID number with its check letter in upper case and without spaces', () => {
    expect(partyLookupValues({ idNumber: '150702 19880512102x', phone: null })).toEqual([
      { kind: 'id_number', value: '15070219880512102X' },
    ]);
  });

  it('digests under a key: another key, or the other kind, gives another digest', () => {
    const key = 'a-key-of-at-least-thirty-two-characters';
    const digest = lookupDigest(key, 'phone', '13800002222');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(lookupDigest(`${key}!`, 'phone', '13800002222')).not.toBe(digest);
    expect(lookupDigest(key, 'id_number', '13800002222')).not.toBe(digest);
  });
});
