import { recogniseCommand } from '../../../src/domain/conversation/commands';
import { recogniseCoordinatorCommand } from '../../../src/domain/conversation/coordinatorCommands';
import { MAX_COMMAND_LENGTH } from '../../../src/domain/conversation/inputBounds';
import { recogniseMunicipalityCommand } from '../../../src/domain/conversation/municipalityCommands';

const T = '3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

describe('municipality command recogniser', () => {
  it.each([
    ['kommunen', { kind: 'listMunicipalities' }],
    ['Municipalities', { kind: 'listMunicipalities' }],
    ['kommunen hilfe', { kind: 'municipalityHelp' }],
    ['help municipalities', { kind: 'municipalityHelp' }],
    [
      'kommune anlegen Neustadt an der Weinstraße; kreisfreie Stadt; Rheinland-Pfalz; 07316000',
      {
        kind: 'addMunicipality',
        name: 'Neustadt an der Weinstraße',
        municipalityKind: 'kreisfreie Stadt',
        state: 'Rheinland-Pfalz',
        officialKey: '07316000',
      },
    ],
    [
      'Kommune anlegen Musterdorf; Gemeinde; Bayern',
      { kind: 'addMunicipality', name: 'Musterdorf', municipalityKind: 'Gemeinde', state: 'Bayern', officialKey: null },
    ],
    [
      'municipality add Kreis Lippe, district, NRW, 05766.',
      {
        kind: 'addMunicipality',
        name: 'Kreis Lippe',
        municipalityKind: 'district',
        state: 'NRW',
        officialKey: '05766',
      },
    ],
    [
      'kommune umbenennen Halle; Halle (Saale)',
      { kind: 'renameMunicipality', municipality: 'Halle', name: 'Halle (Saale)' },
    ],
    [
      'municipality rename kiel; Landeshauptstadt Kiel',
      { kind: 'renameMunicipality', municipality: 'kiel', name: 'Landeshauptstadt Kiel' },
    ],
    [
      'kommune art Aachen; kreisangehörig',
      { kind: 'setKind', municipality: 'Aachen', municipalityKind: 'kreisangehörig' },
    ],
    [
      'kommune art Görlitz; Landkreis; 14626',
      { kind: 'setKind', municipality: 'Görlitz', municipalityKind: 'Landkreis', officialKey: '14626' },
    ],
    [
      'municipality kind Görlitz; district; none',
      { kind: 'setKind', municipality: 'Görlitz', municipalityKind: 'district', officialKey: null },
    ],
    ['kommune land Kiel; Schleswig-Holstein', { kind: 'setState', municipality: 'Kiel', state: 'Schleswig-Holstein' }],
    [
      'municipality state Kiel; SH; 01002000',
      { kind: 'setState', municipality: 'Kiel', state: 'SH', officialKey: '01002000' },
    ],
    ['kommune schlüssel Potsdam; 12054000', { kind: 'setKey', municipality: 'Potsdam', officialKey: '12054000' }],
    ['kommune schluessel Potsdam; keiner', { kind: 'setKey', municipality: 'Potsdam', officialKey: null }],
    ['municipality key Potsdam; none', { kind: 'setKey', municipality: 'Potsdam', officialKey: null }],
    ['kommune archivieren Landkreis Görlitz', { kind: 'archive', municipality: 'Landkreis Görlitz' }],
    ['municipality archive kiel', { kind: 'archive', municipality: 'kiel' }],
    ['kommune wiederherstellen Kiel', { kind: 'restore', municipality: 'Kiel' }],
    ['municipality restore Kiel', { kind: 'restore', municipality: 'Kiel' }],
    [`mandant Potsdam ${T}`, { kind: 'registerTenant', municipality: 'Potsdam', tenantId: T }],
    [
      `mandant Landkreis Teltow-Fläming ${T}`,
      { kind: 'registerTenant', municipality: 'Landkreis Teltow-Fläming', tenantId: T },
    ],
    [`tenant Potsdam ${T}`, { kind: 'registerTenant', municipality: 'Potsdam', tenantId: T }],
    [`tenant add Potsdam ${T}`, { kind: 'registerTenant', municipality: 'Potsdam', tenantId: T }],
    [`mandant entfernen Potsdam ${T}`, { kind: 'removeTenant', municipality: 'Potsdam', tenantId: T }],
    [`tenant remove Halle (Saale) ${T}`, { kind: 'removeTenant', municipality: 'Halle (Saale)', tenantId: T }],
    ['mandanten', { kind: 'listTenants' }],
    ['tenants', { kind: 'listTenants' }],
    ['mandanten Potsdam', { kind: 'listTenants', municipality: 'Potsdam' }],
    ['tenants Landkreis Görlitz', { kind: 'listTenants', municipality: 'Landkreis Görlitz' }],
    // A recognised command word with parts missing shows the right form.
    ['kommune anlegen Neustadt', { kind: 'usage', topic: 'add' }],
    ['kommune anlegen Neustadt; Gemeinde', { kind: 'usage', topic: 'add' }],
    ['kommune anlegen ; Gemeinde; Bayern', { kind: 'usage', topic: 'add' }],
    ['kommune umbenennen Kiel', { kind: 'usage', topic: 'rename' }],
    ['municipality key Kiel', { kind: 'usage', topic: 'key' }],
    ['kommune archivieren', { kind: 'usage', topic: 'archive' }],
    ['mandant', { kind: 'usage', topic: 'tenant' }],
    ['mandant Potsdam', { kind: 'usage', topic: 'tenant' }],
    ['tenant remove Potsdam', { kind: 'usage', topic: 'tenant' }],
  ])('%s', (text, expected) => {
    expect(recogniseMunicipalityCommand(text)).toEqual(expected);
  });

  it('leaves other messages alone: self-check and coordinator commands, free text, other "kommune …" phrases', () => {
    for (const text of [
      'start',
      'hilfe',
      'kommune',
      'kommune wechseln',
      'kommune Potsdam',
      'Welche Kommunen machen mit?',
      'rollen',
      'abonnieren Potsdam',
      'Mandantenfähigkeit',
      'municipality',
    ])
      expect({ text, command: recogniseMunicipalityCommand(text) }).toEqual({ text, command: undefined });
  });

  it('its commands are none of the self-check or coordinator commands (the router asks those first)', () => {
    for (const text of ['kommunen', 'municipalities', `mandant Potsdam ${T}`, 'tenants', 'kommune archivieren Kiel'])
      expect([recogniseCommand(text), recogniseCoordinatorCommand(text)]).toEqual([undefined, undefined]);
  });

  it('ignores messages longer than a command', () => {
    expect(
      recogniseMunicipalityCommand(`kommune anlegen ${'a'.repeat(MAX_COMMAND_LENGTH)}; Gemeinde; Bayern`),
    ).toBeUndefined();
  });

  it('stays linear on hostile input', () => {
    const hostile = [
      `kommune anlegen ${';'.repeat(180)}`,
      `mandant ${' a'.repeat(95)}`,
      `kommune art ${', '.repeat(90)}`,
      `tenant remove ${'x '.repeat(90)}`,
    ];
    for (const text of hostile) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 1000; i++) recogniseMunicipalityCommand(text);
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
    }
    // Hostile input far beyond the bound returns at once.
    const started = process.hrtime.bigint();
    expect(recogniseMunicipalityCommand(`mandant ${' '.repeat(200_000)}x`)).toBeUndefined();
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
  });
});
