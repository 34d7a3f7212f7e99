import { recogniseSmallTalk } from '../../../src/domain/conversation/greeting';

describe('recogniseSmallTalk', () => {
  it.each([
    ['Hallo', { kind: 'greeting', language: 'de' }],
    ['hallo bot!', { kind: 'greeting', language: 'de' }],
    ['Guten Tag.', { kind: 'greeting', language: 'de' }],
    ['Moin', { kind: 'greeting', language: 'de' }],
    ['Hi', { kind: 'greeting' }],
    ['Hello!', { kind: 'greeting', language: 'en' }],
    ['<at>Weltoffen-Bot</at> Hallo', { kind: 'greeting', language: 'de' }],
    ['Merhaba', { kind: 'greeting', language: 'tr' }],
    ['Привіт', { kind: 'greeting', language: 'uk' }],
    ['Was kann ich hier machen?', { kind: 'capabilities', language: 'de' }],
    ['Was kannst du?', { kind: 'capabilities', language: 'de' }],
    ['Hallo, was kann ich hier machen?', { kind: 'capabilities', language: 'de' }],
    ['What can I do here?', { kind: 'capabilities', language: 'en' }],
    ['Hi! What can you do?', { kind: 'capabilities', language: 'en' }],
  ])('%j → %j', (text, expected) => {
    expect(recogniseSmallTalk(text)).toEqual(expected);
  });

  it.each([
    'Hallo, wie kann meine Kommune mitmachen?',
    'hallowelt',
    'high',
    'start',
    'teilweise',
    'Was kostet das Projekt?',
    `hallo ${'x'.repeat(300)}`,
    '',
  ])('%j is no greeting', (text) => {
    expect(recogniseSmallTalk(text)).toBeUndefined();
  });

  it('stays fast on long hostile text', () => {
    const started = Date.now();
    recogniseSmallTalk(`hallo ${'! '.repeat(20_000)}`);
    recogniseSmallTalk(`${' '.repeat(20_000)}hallo`);
    expect(Date.now() - started).toBeLessThan(200);
  });
});
