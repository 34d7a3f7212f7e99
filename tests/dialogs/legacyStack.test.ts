/**
 * A dialog stack saved by the release before the start-over ConfirmPrompt (`assessment.v1`, with its own
 * confirmation flag) must not turn the next "ja" (or "1") into anything: the stack is reset and the walk
 * resumes from the stored answers, which stay as they were.
 */
import type { DialogInstance, DialogState } from 'botbuilder-dialogs';
import { DIALOG_IDS, KNOWN_DIALOG_IDS, RETIRED_DIALOG_IDS } from '../../dialogs/dialogIds';
import { onboard, script, startConversation, type Conversation } from './turnScript';

const STATE_KEY = 'webchat/conversations/c1/';

/** Replaces the saved assessment dialog (nested in the main dialog) with what the old release saved mid-confirmation. */
async function saveOldConfirmationStack(c: Conversation): Promise<void> {
  const saved = (await c.storage.read([STATE_KEY]))[STATE_KEY] as { dialogState: DialogState; eTag?: string };
  const main = saved.dialogState.dialogStack[0] as DialogInstance<{ dialogs: DialogState }>;
  const inner = main.state.dialogs.dialogStack;
  const index = inner.findIndex((i) => i.id === DIALOG_IDS.assessment);
  const walk = (inner[index]?.state as { dialogs: DialogState }).dialogs.dialogStack[0]?.state as { session: unknown };
  inner[index] = { id: 'assessment.v1', state: { session: walk.session, shown: 'MS-02', confirmStartOver: true } };
  await c.storage.write({ [STATE_KEY]: { ...saved, eTag: '*' } });
}

describe('a dialog stack saved mid-confirmation by the previous release', () => {
  it('names an id this release retired', () => {
    expect(RETIRED_DIALOG_IDS).toContain('assessment.v1');
    for (const id of RETIRED_DIALOG_IDS) expect(KNOWN_DIALOG_IDS.has(id)).toBe(false);
    expect(DIALOG_IDS.assessment).toBe('assessment.v2');
  });

  it.each(['ja', '1'])('is reset on "%s": nothing deleted, nothing stored, the walk resumes', async (text) => {
    const c = startConversation();
    await onboard(c);
    await c.say('1');
    await saveOldConfirmationStack(c);
    expect(script(await c.say(text))).toEqual([
      'Willkommen zurück! Sie machen bei Frage 2 weiter.',
      '[card] **Management und Steuerung** · Frage 2 von ca. 92 {answer,back,skip,pause} MS-02',
    ]);
    expect(c.resets).toEqual([['assessment.v1']]);
    expect(c.answers()).toEqual({ 'MS-01': 'full' });
    // The next turn runs on the new stack as usual.
    expect(script(await c.say('2'))).toEqual([
      '[card] **Management und Steuerung** · Frage 3 von ca. 94 {answer,back,skip,pause} MS-03',
    ]);
  });
});
