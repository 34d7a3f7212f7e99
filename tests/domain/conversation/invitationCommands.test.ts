import { performance } from 'node:perf_hooks';
import { recogniseInvitationCommand as parse } from '../../../src/domain/conversation/invitationCommands';
import { recogniseCommand } from '../../../src/domain/conversation/commands';
import { recogniseCoordinatorCommand } from '../../../src/domain/conversation/coordinatorCommands';

describe('invitation and member commands', () => {
  it('reads `einladen <Kommune>` / `invite <M>`: a member code without a use limit', () => {
    expect(parse('einladen Potsdam')).toEqual({ kind: 'invite', municipality: 'Potsdam', role: 'member' });
    expect(parse('Invite  Landkreis Teltow-Fläming!')).toEqual({
      kind: 'invite',
      municipality: 'Landkreis Teltow-Fläming',
      role: 'member',
    });
  });

  it('reads a lead code (`leitung` / `lead`) and a use limit of 1–500', () => {
    expect(parse('einladen Potsdam leitung')).toEqual({ kind: 'invite', municipality: 'Potsdam', role: 'lead' });
    expect(parse('invite Bad Belzig lead')).toEqual({ kind: 'invite', municipality: 'Bad Belzig', role: 'lead' });
    expect(parse('einladen Potsdam 5')).toEqual({
      kind: 'invite',
      municipality: 'Potsdam',
      role: 'member',
      maxUses: 5,
    });
    expect(parse('invite Potsdam 500')).toMatchObject({ maxUses: 500 });
    expect(parse('einladen Potsdam 0')).toEqual({ kind: 'usage', command: 'invite', problem: 'limit' });
    expect(parse('einladen Potsdam 501')).toEqual({ kind: 'usage', command: 'invite', problem: 'limit' });
    // Lead codes are single-use; a limit with them is a mistake worth saying so.
    expect(parse('einladen Potsdam leitung 3')).toEqual({ kind: 'usage', command: 'invite', problem: 'leadLimit' });
    expect(parse('invite Potsdam 3 lead')).toEqual({ kind: 'usage', command: 'invite', problem: 'leadLimit' });
    // A municipality keeps at least one word: "einladen leitung" names a municipality called "leitung".
    expect(parse('einladen leitung')).toEqual({ kind: 'invite', municipality: 'leitung', role: 'member' });
  });

  it('lists codes and members by municipality', () => {
    expect(parse('einladungen Potsdam')).toEqual({ kind: 'invitations', municipality: 'Potsdam' });
    expect(parse('invitations potsdam')).toEqual({ kind: 'invitations', municipality: 'potsdam' });
    expect(parse('mitglieder Potsdam')).toEqual({ kind: 'members', municipality: 'Potsdam' });
    expect(parse('Members Potsdam.')).toEqual({ kind: 'members', municipality: 'Potsdam' });
  });

  it('revokes by code start, folded like a typed code (case, O→0, I/L→1, WK- prefix), or by the whole code', () => {
    expect(parse('einladung widerrufen 7M3Q')).toEqual({ kind: 'revokeInvitation', codeStart: '7M3Q' });
    expect(parse('einladung widerrufen wk-7m3q')).toEqual({ kind: 'revokeInvitation', codeStart: '7M3Q' });
    expect(parse('revoke invitation oIlz')).toEqual({ kind: 'revokeInvitation', codeStart: '011Z' });
    expect(parse('revoke invitation WK-7M3Q-0B1Z-KX4T')).toEqual({ kind: 'revokeInvitation', codeStart: '7M3Q' });
    expect(parse('einladung widerrufen 7M3')).toEqual({ kind: 'usage', command: 'revoke' });
    expect(parse('einladung widerrufen 7M3U')).toEqual({ kind: 'usage', command: 'revoke' });
    expect(parse('revoke invitation WR-7M3Q-0B1Z-KX4T')).toEqual({ kind: 'usage', command: 'revoke' });
  });

  it('removes a member by number, also written as on the list ("Befragte 3", "#3", "Nr. 3")', () => {
    const three = { kind: 'removeMember', municipality: 'Potsdam', memberNo: 3 };
    expect(parse('mitglied entfernen Potsdam 3')).toEqual(three);
    expect(parse('mitglied entfernen Potsdam Befragte 3')).toEqual(three);
    expect(parse('remove member Potsdam #3')).toEqual(three);
    expect(parse('remove member Potsdam Nr. 3')).toEqual(three);
    expect(parse('remove member Bad Belzig respondent 12')).toEqual({
      kind: 'removeMember',
      municipality: 'Bad Belzig',
      memberNo: 12,
    });
    expect(parse('mitglied entfernen Potsdam')).toEqual({ kind: 'usage', command: 'remove' });
    expect(parse('mitglied entfernen Potsdam 0')).toEqual({ kind: 'usage', command: 'remove' });
    expect(parse('mitglied entfernen 3')).toEqual({ kind: 'usage', command: 'remove' });
  });

  it('answers a bare command word with how to write it', () => {
    for (const [text, command] of [
      ['einladen', 'invite'],
      ['invite', 'invite'],
      ['einladungen', 'invitations'],
      ['invitations', 'invitations'],
      ['einladung widerrufen', 'revoke'],
      ['revoke invitation', 'revoke'],
      ['mitglieder', 'members'],
      ['members', 'members'],
      ['mitglied entfernen', 'remove'],
      ['remove member', 'remove'],
    ] as const)
      expect(parse(text)).toEqual({ kind: 'usage', command });
  });

  it('leaves other messages alone, and none of its commands is claimed by the self-check or coordinator parsers', () => {
    for (const text of [
      'einladung',
      'einladungscode WK-7M3Q-0B1Z-KX4T',
      'code WK-7M3Q-0B1Z-KX4T',
      'wer wird eingeladen?',
      'Wie lade ich Kolleg*innen ein?',
      'invited',
      'mitgliedschaft',
      'rolle lead Potsdam abc12345',
    ])
      expect(parse(text)).toBeUndefined();
    for (const text of [
      'einladen Potsdam',
      'invite Potsdam lead',
      'einladungen Potsdam',
      'einladung widerrufen 7M3Q',
      'revoke invitation 7M3Q',
      'mitglieder Potsdam',
      'members Potsdam',
      'mitglied entfernen Potsdam 3',
      'remove member Potsdam 3',
    ]) {
      expect(recogniseCommand(text)).toBeUndefined();
      expect(recogniseCoordinatorCommand(text)).toBeUndefined();
    }
  });

  it('ignores messages longer than a command and stays linear on hostile input', () => {
    expect(parse(`einladen ${'Potsdam '.repeat(40)}`)).toBeUndefined();
    const hostile = [
      `einladen ${'a '.repeat(10_000)}5`,
      `mitglied entfernen ${' '.repeat(20_000)}3`,
      `einladung widerrufen ${'-'.repeat(20_000)}`,
      `revoke invitation ${'wk'.repeat(10_000)}`,
      // Within the command bound: parsed word by word.
      `einladen ${'a '.repeat(95)}5`,
      `mitglied entfernen ${'# '.repeat(90)}3`,
      `einladung widerrufen ${'wk-'.repeat(60)}`,
    ];
    for (const text of hostile) {
      const start = performance.now();
      parse(text);
      expect(performance.now() - start).toBeLessThan(50);
    }
  });
});
