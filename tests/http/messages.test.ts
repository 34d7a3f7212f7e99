import { membersAdded, message, newParticipant, teamsChannel, teamsPersonal, webchat } from '../support/activities';
import { startTestService, type TestService } from '../support/service';

describe('POST /api/messages in local mode', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => {
    await svc.stop();
  });

  it('welcomes a Teams 1:1 chat once, in German by default', async () => {
    const p = newParticipant();
    const first = await svc.replies(membersAdded(teamsPersonal, p, 'bot'));
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain('Selbstcheck');
    expect(first[0]?.text).toContain('hilfe');
    // A second conversationUpdate (e.g. reinstall) does not greet again: the flag is in stored state.
    expect(await svc.replies(membersAdded(teamsPersonal, p, 'bot'))).toHaveLength(0);
  });

  it('welcomes a Teams channel only when the bot itself is added', async () => {
    const p = newParticipant();
    expect(await svc.replies(membersAdded(teamsChannel, p, 'user'))).toHaveLength(0);
    const greeting = await svc.replies(membersAdded(teamsChannel, p, 'bot'));
    expect(greeting).toHaveLength(1);
    expect(greeting[0]?.text).toContain('Kanal');
  });

  it('welcomes web chat in English when the browser locale is English', async () => {
    const p = newParticipant({ locale: 'en-GB' });
    const greeting = await svc.replies(membersAdded(webchat, p, 'both'));
    expect(greeting).toHaveLength(1);
    expect(greeting[0]?.text).toMatch(/^Welcome!/);
  });

  it.each([
    ['hilfe', 'de-DE', /Das können Sie mir schreiben/],
    ['Help', 'en-US', /You can write/],
    ['<at>Weltoffen-Bot</at> hilfe', 'de-DE', /Das können Sie mir schreiben/],
  ])('answers %s with the help text', async (text, locale, expected) => {
    const replies = await svc.replies(message(teamsPersonal, newParticipant({ locale }), text));
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(expected)]);
  });

  it('answers anything it cannot answer by saying so, with the contact and a pointer to help', async () => {
    const replies = await svc.replies(message(webchat, newParticipant(), 'Wie wird das Wetter morgen in Hamburg?'));
    // One message: Web Chat shows the buttons (closest questions) of the last message only.
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/nicht sicher/);
    expect(replies[0]?.text).toContain('https://www.weltoffene-kommune.de');
    expect(replies[0]?.text).toContain('„start“ beginnt den Selbstcheck');
  });

  describe("citizens' questions about the project", () => {
    type Actions = { actions: { title: string; value: string }[] } | undefined;

    it('answers a German question with its source and follow-up questions as buttons', async () => {
      const replies = await svc.replies(message(webchat, newParticipant(), 'Wer steckt hinter dem Projekt?'));
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toMatch(/PHINEO/);
      expect(replies[0]?.text).toMatch(/Quelle: /);
      const actions = (replies[0]?.suggestedActions as Actions)?.actions ?? [];
      expect(actions.length).toBeGreaterThanOrEqual(2);
      // A follow-up button asks its question, and that question is answered in turn.
      const followUp = await svc.replies(message(webchat, newParticipant(), actions[0]?.value ?? ''));
      expect(followUp[0]?.text).toMatch(/Quelle: /);
    });

    it('answers in English when the page asks for English', async () => {
      const replies = await svc.replies(
        message(webchat, newParticipant({ locale: 'en-US' }), 'How much does participation cost?'),
      );
      expect(replies[0]?.text).toMatch(/free/i);
      expect(replies[0]?.text).toMatch(/Source: /);
      expect(replies[0]?.locale).toBe('en');
    });

    it('answers in Arabic for the Arabic page', async () => {
      const replies = await svc.replies(
        message(webchat, newParticipant({ locale: 'ar' }), 'ما هو مشروع البلدية المنفتحة؟'),
      );
      expect(replies[0]?.locale).toBe('ar');
      expect(replies[0]?.text).toMatch(/[\u0600-\u06FF]/);
      expect(replies[0]?.text).toMatch(/المصدر/);
    });
  });

  it('keeps a language switch for the next turns of the user', async () => {
    const p = newParticipant({ locale: 'de-DE' });
    const switched = await svc.replies(message(teamsPersonal, p, 'english'));
    expect(switched[0]?.text).toMatch(/English/);
    const help = await svc.replies(message(teamsPersonal, p, 'hilfe'));
    expect(help[0]?.text).toMatch(/You can write/);
  });

  describe('bad input gets a 4xx with a JSON body and the server keeps serving', () => {
    const raw = (body: string, contentType = 'application/json') =>
      fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

    it('malformed JSON → 400', async () => {
      const res = await raw('{"type": "message", ');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: expect.any(String) as unknown,
        message: expect.stringMatching(/JSON/i) as unknown,
      });
    });

    it('an activity without type → 400 naming the field', async () => {
      const { type: _omit, ...noType } = message(webchat, newParticipant(), 'hallo') as { type: string };
      const res = await svc.post(noType);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'InvalidActivity', message: expect.stringMatching(/^type:/) as unknown });
    });

    it('a body over the limit → 413', async () => {
      const res = await raw(JSON.stringify({ ...message(webchat, newParticipant(), 'x'.repeat(300_000)) }));
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        code: expect.any(String) as unknown,
        message: expect.stringMatching(/exceeds/) as unknown,
      });
    });

    it('a non-JSON body → 415', async () => {
      const res = await raw('type=message', 'application/x-www-form-urlencoded');
      expect(res.status).toBe(415);
    });

    it('a body that is not an object → 400', async () => {
      const res = await raw('[1,2,3]');
      expect(res.status).toBe(400);
    });

    // Fields botbuilder or the bot read are typed up front: before, each of these crashed inside the turn
    // (TypeError in getMentions or the greeting, a NUL id refused by PostgreSQL) and the user got an apology.
    it.each([
      [
        'a NUL in the conversation id',
        (p: ReturnType<typeof newParticipant>) => ({
          ...message(teamsPersonal, p, 'hilfe'),
          conversation: { id: `${p.conversationId}\u0000x`, conversationType: 'personal' },
        }),
        /^conversation\.id:/,
      ],
      [
        'a NUL in the text',
        (p: ReturnType<typeof newParticipant>) => message(teamsPersonal, p, 'hil\u0000fe'),
        /^text:/,
      ],
      [
        'an entity whose type is a number',
        (p: ReturnType<typeof newParticipant>) => ({ ...message(teamsPersonal, p, 'hilfe'), entities: [{ type: 7 }] }),
        /^entities\.0\.type:/,
      ],
      [
        'membersAdded that is not a list',
        (p: ReturnType<typeof newParticipant>) => ({ ...membersAdded(teamsPersonal, p, 'bot'), membersAdded: 'bot' }),
        /^membersAdded:/,
      ],
      [
        'an AAD object id that is not a string',
        (p: ReturnType<typeof newParticipant>) => {
          const a = message(teamsPersonal, p, 'hilfe');
          return { ...a, from: { ...(a.from as object), aadObjectId: 42 } };
        },
        /^from\.aadObjectId:/,
      ],
    ])('%s → 400 naming the field, and no state is stored', async (_name, build, where) => {
      const p = newParticipant();
      const res = await svc.post({ deliveryMode: 'expectReplies', ...build(p) });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'InvalidActivity', message: expect.stringMatching(where) as unknown });
      const { rows } = await svc.service.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bot_state WHERE key LIKE $1`,
        [`%${p.conversationId}%`],
      );
      expect(rows[0]?.n).toBe(0);
      // The same participant's well-formed message is answered and stored, so the count above can see a row.
      expect(await svc.replies(message(teamsPersonal, p, 'hilfe'))).toHaveLength(1);
      const after = await svc.service.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bot_state WHERE key LIKE $1`,
        [`%${p.conversationId}%`],
      );
      expect(after.rows[0]?.n).toBeGreaterThan(0);
    });

    afterAll(async () => {
      const replies = await svc.replies(message(webchat, newParticipant(), 'help'));
      expect(replies).toHaveLength(1);
    });
  });

  it('serves /healthz and /readyz', async () => {
    expect(await (await fetch(`${svc.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
