import {
  matchMunicipality,
  municipalityKey,
  recogniseCoordinatorCommand,
} from '../../src/domain/conversation/coordinatorCommands';

describe('coordinator command recogniser', () => {
  it.each([
    ['rollen', { kind: 'roles' }],
    ['Roles', { kind: 'roles' }],
    [
      'rolle lead Potsdam 1234abcd-0000',
      { kind: 'grant', role: 'lead', municipality: 'Potsdam', person: { kind: 'id', value: '1234abcd-0000' } },
    ],
    [
      'grant lead Landkreis Teltow-Fläming <at>Erika Muster</at>',
      {
        kind: 'grant',
        role: 'lead',
        municipality: 'Landkreis Teltow-Fläming',
        person: { kind: 'mention', name: 'Erika Muster' },
      },
    ],
    [
      'rolle koordination aad:t1:abcdef12',
      { kind: 'grant', role: 'coordinator', person: { kind: 'id', value: 'aad:t1:abcdef12' } },
    ],
    [
      'revoke coordinator 1234abcd-0000',
      { kind: 'revoke', role: 'coordinator', person: { kind: 'id', value: '1234abcd-0000' } },
    ],
    ['abonnieren Lübeck', { kind: 'subscribe', municipality: 'Lübeck' }],
    ['subscribe all', { kind: 'subscribe', municipality: 'all' }],
    ['abbestellen', { kind: 'unsubscribe' }],
    ['unsubscribe kiel', { kind: 'unsubscribe', municipality: 'kiel' }],
    ['abos', { kind: 'subscriptions' }],
    ['zustellungen', { kind: 'deliveries' }],
    ['retry deliveries', { kind: 'retryDeliveries' }],
    ['vergleich Bochum', { kind: 'compare', municipality: 'Bochum' }],
    ['wer fehlt', { kind: 'stalled' }],
    ['wer fehlt in Kiel', { kind: 'stalled', municipality: 'Kiel' }],
    ['stalled kiel', { kind: 'stalled', municipality: 'kiel' }],
    ['erinnerungen aus', { kind: 'reminders', enabled: false }],
    ['Reminders on', { kind: 'reminders', enabled: true }],
    ['abschluss Potsdam', { kind: 'markComplete', municipality: 'Potsdam' }],
    ['export Potsdam csv', { kind: 'export', municipality: 'Potsdam', format: 'csv' }],
    ['exportieren Landkreis Görlitz', { kind: 'export', municipality: 'Landkreis Görlitz', format: 'pdf' }],
  ])('%s', (text, expected) => {
    expect(recogniseCoordinatorCommand(text)).toEqual(expected);
  });

  it('leaves self-check commands and free text alone', () => {
    for (const text of [
      'start',
      'hilfe',
      'abschließen',
      'weiter',
      '1',
      'teilweise',
      'Wie ist das Wetter?',
      'rolle',
      'rolle chef Potsdam x',
      'rolle lead <at>X</at>',
      'ergebnis',
      'status',
    ])
      expect({ text, command: recogniseCoordinatorCommand(text) }).toEqual({ text, command: undefined });
  });

  it('matches municipalities by id, name, umlaut spelling and unique prefix', () => {
    const all = [
      { id: 'luebeck', name: 'Lübeck' },
      { id: 'lk-goerlitz', name: 'Landkreis Görlitz' },
      { id: 'lk-osnabrueck', name: 'Landkreis Osnabrück' },
      { id: 'halle-saale', name: 'Halle (Saale)' },
    ];
    const one = (s: string) => {
      const m = matchMunicipality(s, all);
      return m.kind === 'one' ? m.municipality.id : m.kind;
    };
    expect(['LÜBECK', 'luebeck', 'Lubeck', 'Lüneburg'].map(one)).toEqual(['luebeck', 'luebeck', 'luebeck', 'none']);
    expect(['görlitz', 'LK Görlitz', 'landkreis goerlitz', 'osna'].map(one)).toEqual([
      'lk-goerlitz',
      'lk-goerlitz',
      'lk-goerlitz',
      'lk-osnabrueck',
    ]);
    expect(['halle', 'Halle (Saale)', 'halle-saale'].map(one)).toEqual(['halle-saale', 'halle-saale', 'halle-saale']);
    expect(one('landkreis')).toBe('ambiguous');
    expect(one('')).toBe('none');
    expect(municipalityKey('Landkreis Teltow-Fläming')).toBe('lk-teltow-flaeming');
  });
});
