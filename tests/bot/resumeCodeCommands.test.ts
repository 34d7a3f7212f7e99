/**
 * `fortsetzungscode` / `resume code` through the running service, in web chat and Teams shape: a new code
 * for a consented web chat respondent (replacing the old one), the consent notice before, and the Teams
 * answer that no code is needed there.
 */
import { createHash } from 'node:crypto';
import { recogniseResumeCodeCommand } from '../../src/bot/resumeCodeCommands';
import { resumeCodeMessage } from '../../src/bot/replies/resumeCodeReplies';
import { staffText } from '../../src/i18n/staff';
import { message, newParticipant, teamsPersonal, webchat, type Participant } from '../support/activities';
import { startTestService, type ReplyActivity, type TestService } from '../support/service';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const CODE = /WR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g;
const texts = (replies: readonly ReplyActivity[]) =>
  replies.map((r) => `${r.text ?? ''} ${JSON.stringify(r.attachments ?? [])}`).join('\n');

describe('recognising the resume code command', () => {
  it.each([
    'fortsetzungscode',
    'Fortsetzungscode',
    '  FORTSETZUNGSCODE! ',
    'Fortsetzungscode?',
    'neuer Fortsetzungscode',
    'Fortsetzungscode vergessen',
    'resume code',
    'Resume Code.',
    'new resume code',
    'resumecode',
  ])('%j is the command', (text) => {
    expect(recogniseResumeCodeCommand(text)).toEqual({ kind: 'newResumeCode' });
  });

  it.each([
    ['a code', 'code WR-7M3Q-0B1Z-KX4T'],
    ['the word with a code', 'fortsetzungscode WR-7M3Q-0B1Z-KX4T'],
    ['a question about it', 'Was ist ein Fortsetzungscode?'],
    ['half the words', 'resume'],
    ['the code command alone', 'code'],
    ['the word padded past the command bound', `fortsetzungscode${' '.repeat(300)}x`],
    ['100,000 characters', `${'fortsetzungscode '.repeat(6000)}`],
  ])('%s is not', (_label, text) => {
    expect(recogniseResumeCodeCommand(text)).toBeUndefined();
  });
});

describe('the resume code command in the running service', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  }, 60_000);
  afterAll(async () => svc?.stop());

  const say = (shape: typeof webchat, p: Participant, text: string) => svc.replies(message(shape, p, text));
  const identityOf = (p: Participant) => `webchat:${p.userId}`;
  const storedHash = async (identityKey: string) =>
    (await svc.service.db.prisma.resumeCode.findUnique({ where: { identityKey } }))?.codeHash;
  const consent = async (p: Participant) => {
    expect(texts(await say(webchat, p, 'start'))).toContain('Datenschutz');
    expect(texts(await say(webchat, p, 'ja'))).toContain('Für welche Kommune');
  };

  it('gives a consented web chat respondent a new code; the next one replaces it', async () => {
    const p = newParticipant();
    await consent(p);
    const replies = await say(webchat, p, 'fortsetzungscode');
    const first = texts(replies).match(CODE)?.[0];
    expect(first).toBeDefined();
    const code = first ?? '';
    expect(replies[0]?.text).toBe(resumeCodeMessage('de', code).text);
    expect(replies[0]?.text).toContain(`code ${code}`);
    expect(replies[0]?.text).toContain('Passwort');
    expect(replies[0]?.text).toContain('anderen Gerät oder in einem anderen Browser');
    expect(replies[1]?.text).toBe(staffText('de', 'webIdentity.replaced'));
    expect(await storedHash(identityOf(p))).toBe(sha256(code));

    const again = texts(await say(webchat, p, 'Neuer Fortsetzungscode'));
    const second = again.match(CODE)?.[0] ?? '';
    expect(second).not.toBe(code);
    expect(await storedHash(identityOf(p))).toBe(sha256(second));
    expect(await svc.service.db.prisma.resumeCode.count({ where: { codeHash: sha256(code) } })).toBe(0);
  }, 30_000);

  it('answers in English to `resume code` when the conversation is English', async () => {
    const p = newParticipant({ locale: 'en-US' });
    await say(webchat, p, 'start');
    await say(webchat, p, 'yes');
    const replies = await say(webchat, p, 'resume code');
    const code = texts(replies).match(CODE)?.[0] ?? '';
    expect(code).not.toBe('');
    expect(replies[0]?.text).toBe(resumeCodeMessage('en', code).text);
    expect(replies[0]?.text).toContain('like a password');
    expect(replies[0]?.text).toContain(`code ${code}`);
  }, 30_000);

  it('before consent: no code, the way to get one; at the consent prompt the prompt stays and still works', async () => {
    const p = newParticipant();
    const before = await say(webchat, p, 'fortsetzungscode');
    expect(before.map((r) => r.text)).toEqual([staffText('de', 'webIdentity.needsConsent')]);
    expect(await storedHash(identityOf(p))).toBeUndefined();

    expect(texts(await say(webchat, p, 'start'))).toContain('Datenschutz');
    const atPrompt = texts(await say(webchat, p, 'fortsetzungscode'));
    expect(atPrompt).toContain(staffText('de', 'webIdentity.needsConsent'));
    expect(atPrompt).not.toMatch(CODE);
    expect(atPrompt).toContain(staffText('de', 'onboarding.consentPrompt'));
    expect(texts(await say(webchat, p, 'ja'))).toContain('Für welche Kommune');
    expect(texts(await say(webchat, p, 'fortsetzungscode'))).toMatch(CODE);
    expect(await storedHash(identityOf(p))).toBeDefined();
  }, 30_000);

  it('in Teams: no code is needed, none is issued, even for a consented respondent', async () => {
    const p = newParticipant({ aadObjectId: '22222222-2222-4222-8222-222222222222' });
    await svc.replies(message(teamsPersonal, p, 'start'));
    await svc.replies(message(teamsPersonal, p, 'ja'));
    const respondent = await svc.service.db.prisma.respondent.findUnique({
      where: { identityKey: 'aad:tenant-1:22222222-2222-4222-8222-222222222222' },
    });
    expect(respondent?.consentedAt).not.toBeNull();
    for (const text of ['fortsetzungscode', 'resume code']) {
      const replies = await svc.replies(message(teamsPersonal, p, text));
      expect(texts(replies)).toContain(staffText('de', 'webIdentity.teams'));
      expect(texts(replies)).not.toMatch(CODE);
    }
    expect(await svc.service.db.prisma.resumeCode.count({ where: { identityKey: { startsWith: 'aad:' } } })).toBe(0);
  }, 30_000);
});
