import fc from 'fast-check';
import { codeFromRandom, isCode, readCode, readCodeStart } from '../../../src/domain/membership/codes';

const bytes = fc.uint8Array({ minLength: 8, maxLength: 8 });

describe('invitation and resume codes', () => {
  it('reads every code back from its text, however it is typed (case, O/I/L, spaces, dashes, a lead-in word)', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom<'invitation' | 'resume'>('invitation', 'resume'), (b, kind) => {
        const code = codeFromRandom(kind, b);
        expect(code.text).toMatch(/^W[KR]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        const sloppy = code.text.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
        for (const typed of [
          code.text,
          sloppy,
          code.text.replace(/-/g, ' '),
          code.text.replace(/-/g, ''),
          `code ${sloppy}`,
          `Einladungscode: ${code.text}`,
          `${code.text}.`,
        ])
          expect({ typed, read: readCode(typed) }).toEqual({ typed, read: code });
      }),
    );
  });

  it('uses all 60 bits: different random bytes give different codes', () => {
    const a = codeFromRandom('invitation', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x10]));
    const b = codeFromRandom('invitation', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x20]));
    const c = codeFromRandom('invitation', new Uint8Array([0x80, 0, 0, 0, 0, 0, 0, 0]));
    expect(new Set([a.text, b.text, c.text]).size).toBe(3);
  });

  it('leaves ordinary text alone, also text that starts like a code', () => {
    for (const text of [
      'Wrong question',
      'Write me something about the project',
      'Wer kann mitmachen?',
      'Wkurz gefragt: was ist das?',
      'Code of conduct?',
      'Gibt es einen Code?',
      'code',
      'WK 2024 war gut',
      'hallo',
    ])
      expect({ text, read: readCode(text) }).toEqual({ text, read: undefined });
  });

  it('answers what is clearly meant as a code but is none', () => {
    for (const text of ['code WK-12', 'code 7M3Q0B1Z', 'WK-7M3Q-0B1Z-KX4U', 'Einladungscode: WR-ABCD-EFGH'])
      expect({ text, read: readCode(text) }).toEqual({ text, read: { invalid: true } });
    expect(isCode(readCode('code WK-12'))).toBe(false);
  });

  it('reads the start of a code for revoking it', () => {
    expect(readCodeStart('7m3q')).toBe('7M3Q');
    expect(readCodeStart('wk-7M3Q')).toBe('7M3Q');
    expect(readCodeStart('7M3')).toBeUndefined();
  });
});
