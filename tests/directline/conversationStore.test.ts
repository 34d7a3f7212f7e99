import { ConversationStore } from '../../src/infrastructure/directline/conversationStore';
import { TokenSigner } from '../../src/infrastructure/directline/tokens';
import fc from 'fast-check';

describe('ConversationStore', () => {
  it('keeps only the newest activities but watermarks stay monotonic', () => {
    const store = new ConversationStore({ idleMs: 1000, maxActivities: 5 });
    const c = store.create('ip', 0);
    for (let i = 0; i < 12; i++) store.append(c, { type: 'message', text: `m${i}` }, i);
    const all = store.since(c, undefined);
    expect(all.activities.map((a) => a.text)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
    expect(all.watermark).toBe('12');
    // A client that fell behind the trimmed part gets what is left, not an error.
    expect(store.since(c, 3).activities).toHaveLength(5);
    expect(store.since(c, 10).activities.map((a) => a.text)).toEqual(['m10', 'm11']);
    expect(store.since(c, 12)).toEqual({ activities: [], watermark: '12' });
  });
});

describe('TokenSigner', () => {
  it('accepts its own tokens until expiry and rejects every altered token', () => {
    const signer = new TokenSigner('k'.repeat(32));
    const token = signer.sign({ conversationId: 'c1', userId: 'u_1', expiresAt: 10_000 });
    expect(signer.verify(token, 9_999)).toEqual({
      ok: true,
      claims: { conversationId: 'c1', userId: 'u_1', expiresAt: 10_000 },
    });
    expect(signer.verify(token, 10_000)).toEqual({ ok: false, reason: 'expired' });
    expect(new TokenSigner('x'.repeat(32)).verify(token, 0).ok).toBe(false);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCxyz019-_.'.split('')), (i, ch) => {
        fc.pre(token[i] !== ch);
        const altered = token.slice(0, i) + ch + token.slice(i + 1);
        // base64url's last character can carry unused bits: an altered token may decode to the same
        // bytes, and then it is the same token. Anything that decodes differently must fail.
        const same = altered
          .split('.')
          .every((part, k) =>
            Buffer.from(part, 'base64url').equals(Buffer.from(token.split('.')[k] ?? '', 'base64url')),
          );
        return same || !signer.verify(altered, 0).ok;
      }),
    );
  });
});
