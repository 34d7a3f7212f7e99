/** Staff texts: Municipality administration (coordinators): adding, renaming, archiving municipalities; registered tenants. German first; English complete. */
export const municipalityAdminDe = {
  'municipalityAdmin.help':
    'Kommunen und ihre Microsoft-Entra-Mandanten verwalten (nur Koordination):\n\n- **kommunen**: alle Kommunen mit Art, Bundesland, Schlüssel und Mandanten, auch archivierte\n- **kommune anlegen <Name>; <Art>; <Bundesland>[; <Schlüssel>]**\n- **kommune umbenennen <Kommune>; <neuer Name>**\n- **kommune art <Kommune>; <Art>[; <Schlüssel|keiner>]**\n- **kommune land <Kommune>; <Bundesland>[; <Schlüssel|keiner>]**\n- **kommune schlüssel <Kommune>; <Schlüssel|keiner>**\n- **kommune archivieren <Kommune>**, **kommune wiederherstellen <Kommune>**\n- **mandant <Kommune> <Tenant-ID>**, **mandant entfernen <Kommune> <Tenant-ID>**, **mandanten** [<Kommune>]\n\nArten: Gemeinde, kreisangehörige Stadt, kreisfreie Stadt, Landkreis. Schlüssel: der 8-stellige Amtliche Gemeindeschlüssel, beim Landkreis der 5-stellige Kreisschlüssel; er beginnt mit der Nummer des Bundeslandes (01 Schleswig-Holstein … 16 Thüringen). Nutzerinnen und Nutzer eines registrierten Mandanten dürfen den Bot und den Überblick verwenden.',
  'municipalityAdmin.denied': 'Dafür fehlt Ihnen die Berechtigung.',
  'municipalityAdmin.usage.add':
    'So legen Sie eine Kommune an: **kommune anlegen <Name>; <Art>; <Bundesland>[; <Schlüssel>]**, z. B. „kommune anlegen Neustadt an der Weinstraße; kreisfreie Stadt; Rheinland-Pfalz; 07316000“.',
  'municipalityAdmin.usage.rename': 'So benennen Sie eine Kommune um: **kommune umbenennen <Kommune>; <neuer Name>**.',
  'municipalityAdmin.usage.kind':
    'So ändern Sie die Art: **kommune art <Kommune>; <Art>[; <Schlüssel|keiner>]** (Gemeinde, kreisangehörige Stadt, kreisfreie Stadt oder Landkreis).',
  'municipalityAdmin.usage.state':
    'So ändern Sie das Bundesland: **kommune land <Kommune>; <Bundesland>[; <Schlüssel|keiner>]**.',
  'municipalityAdmin.usage.key':
    'So setzen Sie den Amtlichen Schlüssel: **kommune schlüssel <Kommune>; <Schlüssel>**, oder mit „keiner“ entfernen.',
  'municipalityAdmin.usage.archive': 'So archivieren Sie eine Kommune: **kommune archivieren <Kommune>**.',
  'municipalityAdmin.usage.restore':
    'So holen Sie eine archivierte Kommune zurück: **kommune wiederherstellen <Kommune>**.',
  'municipalityAdmin.usage.tenant':
    'So registrieren Sie einen Mandanten: **mandant <Kommune> <Tenant-ID>**; entfernen mit **mandant entfernen <Kommune> <Tenant-ID>**, anzeigen mit **mandanten** [<Kommune>].',
  'municipalityAdmin.listTitle': 'Kommunen ({count})',
  'municipalityAdmin.listNone': 'Es sind noch keine Kommunen angelegt.',
  'municipalityAdmin.listLine': '- **{name}** ({kind}, {state}, {key}) · Kennung `{id}`{tenants}{flags}',
  'municipalityAdmin.listTenants': ' · {count} Mandant(en)',
  'municipalityAdmin.listArchived': ' · **archiviert**',
  'municipalityAdmin.listDemo': ' · Demo',
  'municipalityAdmin.listMore': '… und {count} weitere (alle im Überblick unter „Kommunen verwalten“).',
  'municipalityAdmin.keyNone': 'ohne Schlüssel',
  'municipalityAdmin.keyLabel': 'Schlüssel {key}',
  'municipalityAdmin.unknown': 'Die Kommune „{name}“ kenne ich nicht.',
  'municipalityAdmin.unknownKnown': 'Die Kommune „{name}“ kenne ich nicht. Bekannt sind: {list}.',
  'municipalityAdmin.ambiguous': '„{name}“ passt auf mehrere Kommunen: {list}. Bitte genauer angeben.',
  'municipalityAdmin.invalid.name':
    'Der Name muss 1 bis 100 Zeichen lang sein und darf nur Buchstaben, Ziffern, Leerzeichen und . , ( ) - / & enthalten.',
  'municipalityAdmin.invalid.kind':
    'Diese Art kenne ich nicht. Möglich sind: Gemeinde, kreisangehörige Stadt, kreisfreie Stadt, Landkreis.',
  'municipalityAdmin.invalid.state':
    'Dieses Bundesland kenne ich nicht. Bitte eines der 16 Länder angeben, z. B. „Nordrhein-Westfalen“ oder „NRW“.',
  'municipalityAdmin.invalid.keyFormat':
    'Der Schlüssel muss aus genau {digits} Ziffern bestehen ({which}). Schreiben Sie „keiner“, um ihn wegzulassen; ändern Sie Art oder Land, geben Sie den passenden Schlüssel im selben Befehl mit an.',
  'municipalityAdmin.invalid.keyState':
    'Schlüssel in {state} beginnen mit {prefix}. Bitte Schlüssel oder Bundesland prüfen.',
  'municipalityAdmin.keyWhich.8': 'Amtlicher Gemeindeschlüssel',
  'municipalityAdmin.keyWhich.5': 'Kreisschlüssel eines Landkreises',
  'municipalityAdmin.duplicateName': 'In {state} gibt es bereits die Kommune **{name}**.',
  'municipalityAdmin.duplicateNameArchived':
    'In {state} gibt es bereits die Kommune **{name}**, sie ist archiviert. Mit „kommune wiederherstellen {name}“ holen Sie sie zurück.',
  'municipalityAdmin.duplicateKey': 'Den Schlüssel {key} hat bereits **{name}**.',
  'municipalityAdmin.demoLocked':
    'Die Demo-Kommune **{name}** bleibt, wie sie ist: Sie lässt sich nicht ändern, archivieren oder mit Mandanten verbinden.',
  'municipalityAdmin.isArchived':
    '**{name}** ist archiviert. Holen Sie sie zuerst mit „kommune wiederherstellen {name}“ zurück.',
  'municipalityAdmin.created':
    '**{name}** ist angelegt ({kind}, {state}, {key}), Kennung `{id}`. Mit „mandant {name} <Tenant-ID>“ registrieren Sie den Microsoft-Entra-Mandanten der Kommune.',
  'municipalityAdmin.updated': '**{name}** ist geändert: {changes}.',
  'municipalityAdmin.change.name': 'Name „{from}“ → „{to}“',
  'municipalityAdmin.change.kind': 'Art {from} → {to}',
  'municipalityAdmin.change.state': 'Bundesland {from} → {to}',
  'municipalityAdmin.change.key': '{from} → {to}',
  'municipalityAdmin.unchanged': 'An **{name}** ändert sich dadurch nichts.',
  'municipalityAdmin.archived':
    '**{name}** ist archiviert: Die Daten bleiben erhalten, die Kommune wird aber nirgends mehr angeboten, und ihre Mandanten sind nicht mehr zugelassen. „kommune wiederherstellen {name}“ macht das rückgängig.',
  'municipalityAdmin.alreadyArchived': '**{name}** ist bereits archiviert.',
  'municipalityAdmin.restored': '**{name}** ist wiederhergestellt und wird wieder angeboten.',
  'municipalityAdmin.notArchived': '**{name}** ist nicht archiviert.',
  'municipalityAdmin.tenantInvalid.format':
    'Eine Tenant-ID ist eine GUID wie 3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f (im Entra Admin Center unter „Übersicht“ → „Mandanten-ID“).',
  'municipalityAdmin.tenantInvalid.consumer':
    'Das ist der Mandant der privaten Microsoft-Konten. Ihn zu registrieren würde jedes private Konto zulassen; das geht nicht.',
  'municipalityAdmin.tenantRegistered':
    'Mandant `{tenant}` ist für **{name}** registriert. Seine Nutzerinnen und Nutzer dürfen den Bot und den Überblick jetzt verwenden (sofern die Teams-App in ihrem Mandanten installiert ist).',
  'municipalityAdmin.tenantAlready': 'Mandant `{tenant}` war für **{name}** bereits registriert.',
  'municipalityAdmin.tenantAlsoFor': 'Hinweis: Derselbe Mandant ist auch registriert für {list}.',
  'municipalityAdmin.tenantRemoved': 'Mandant `{tenant}` ist für **{name}** nicht mehr registriert.',
  'municipalityAdmin.tenantNotRegistered': 'Mandant `{tenant}` war für **{name}** nicht registriert.',
  'municipalityAdmin.tenantsTitle': 'Registrierte Mandanten ({count})',
  'municipalityAdmin.tenantsTitleOf': 'Registrierte Mandanten von {name} ({count})',
  'municipalityAdmin.tenantsNone':
    'Es sind noch keine Mandanten registriert. Registrieren mit „mandant <Kommune> <Tenant-ID>“.',
  'municipalityAdmin.tenantsNoneOf':
    'Für **{name}** ist kein Mandant registriert. Registrieren mit „mandant {name} <Tenant-ID>“.',
  'municipalityAdmin.tenantLine': '- `{tenant}` → **{name}** (seit {date}){flags}',
  'municipalityAdmin.conflict':
    'Die Kommune wurde gerade gleichzeitig geändert; ich habe nichts gespeichert. Bitte prüfen Sie mit „kommunen“ und versuchen Sie es noch einmal.',
  'municipalityAdmin.kind.gemeinde': 'Gemeinde',
  'municipalityAdmin.kind.kreisangehoerige_stadt': 'kreisangehörige Stadt',
  'municipalityAdmin.kind.kreisfreie_stadt': 'kreisfreie Stadt',
  'municipalityAdmin.kind.landkreis': 'Landkreis',
};

export const municipalityAdminEn: Record<keyof typeof municipalityAdminDe, string> = {
  'municipalityAdmin.help':
    'Managing municipalities and their Microsoft Entra tenants (coordinators only):\n\n- **municipalities**: every municipality with kind, state, key and tenants, archived ones included\n- **municipality add <name>; <kind>; <state>[; <key>]**\n- **municipality rename <municipality>; <new name>**\n- **municipality kind <municipality>; <kind>[; <key|none>]**\n- **municipality state <municipality>; <state>[; <key|none>]**\n- **municipality key <municipality>; <key|none>**\n- **municipality archive <municipality>**, **municipality restore <municipality>**\n- **tenant <municipality> <tenant id>**, **tenant remove <municipality> <tenant id>**, **tenants** [<municipality>]\n\nKinds: municipality (Gemeinde), town within a district, independent city, district (Landkreis). Key: the 8-digit official municipality key (AGS), for a district the 5-digit district key; it starts with the state’s number (01 Schleswig-Holstein … 16 Thüringen). Users of a registered tenant may use the bot and the dashboard.',
  'municipalityAdmin.denied': 'You do not have permission to do that.',
  'municipalityAdmin.usage.add':
    'To add a municipality: **municipality add <name>; <kind>; <state>[; <key>]**, e.g. “municipality add Neustadt an der Weinstraße; independent city; Rhineland-Palatinate; 07316000”.',
  'municipalityAdmin.usage.rename': 'To rename a municipality: **municipality rename <municipality>; <new name>**.',
  'municipalityAdmin.usage.kind':
    'To change the kind: **municipality kind <municipality>; <kind>[; <key|none>]** (municipality, town within a district, independent city or district).',
  'municipalityAdmin.usage.state': 'To change the state: **municipality state <municipality>; <state>[; <key|none>]**.',
  'municipalityAdmin.usage.key':
    'To set the official key: **municipality key <municipality>; <key>**, or remove it with “none”.',
  'municipalityAdmin.usage.archive': 'To archive a municipality: **municipality archive <municipality>**.',
  'municipalityAdmin.usage.restore': 'To bring an archived municipality back: **municipality restore <municipality>**.',
  'municipalityAdmin.usage.tenant':
    'To register a tenant: **tenant <municipality> <tenant id>**; remove it with **tenant remove <municipality> <tenant id>**, list with **tenants** [<municipality>].',
  'municipalityAdmin.listTitle': 'Municipalities ({count})',
  'municipalityAdmin.listNone': 'No municipalities yet.',
  'municipalityAdmin.listLine': '- **{name}** ({kind}, {state}, {key}) · id `{id}`{tenants}{flags}',
  'municipalityAdmin.listTenants': ' · {count} tenant(s)',
  'municipalityAdmin.listArchived': ' · **archived**',
  'municipalityAdmin.listDemo': ' · demo',
  'municipalityAdmin.listMore': '… and {count} more (all of them in the dashboard under “Manage municipalities”).',
  'municipalityAdmin.keyNone': 'no key',
  'municipalityAdmin.keyLabel': 'key {key}',
  'municipalityAdmin.unknown': 'I do not know the municipality “{name}”.',
  'municipalityAdmin.unknownKnown': 'I do not know the municipality “{name}”. Known: {list}.',
  'municipalityAdmin.ambiguous': '“{name}” matches several municipalities: {list}. Please be more specific.',
  'municipalityAdmin.invalid.name':
    'The name must be 1 to 100 characters long and may only contain letters, digits, spaces and . , ( ) - / &.',
  'municipalityAdmin.invalid.kind':
    'I do not know that kind. Possible are: municipality (Gemeinde), town within a district, independent city, district (Landkreis).',
  'municipalityAdmin.invalid.state':
    'I do not know that state. Please name one of the 16 German states, e.g. “Nordrhein-Westfalen” or “NRW”.',
  'municipalityAdmin.invalid.keyFormat':
    'The key must be exactly {digits} digits ({which}). Write “none” to leave it out; when you change the kind or state, give the matching key in the same command.',
  'municipalityAdmin.invalid.keyState': 'Keys in {state} start with {prefix}. Please check the key or the state.',
  'municipalityAdmin.keyWhich.8': 'official municipality key, AGS',
  'municipalityAdmin.keyWhich.5': 'district key of a Landkreis',
  'municipalityAdmin.duplicateName': '{state} already has the municipality **{name}**.',
  'municipalityAdmin.duplicateNameArchived':
    '{state} already has the municipality **{name}**; it is archived. “municipality restore {name}” brings it back.',
  'municipalityAdmin.duplicateKey': '**{name}** already has the key {key}.',
  'municipalityAdmin.demoLocked':
    'The demo municipality **{name}** stays as it is: it cannot be changed, archived or given tenants.',
  'municipalityAdmin.isArchived': '**{name}** is archived. Bring it back first with “municipality restore {name}”.',
  'municipalityAdmin.created':
    '**{name}** has been added ({kind}, {state}, {key}), id `{id}`. Register the municipality’s Microsoft Entra tenant with “tenant {name} <tenant id>”.',
  'municipalityAdmin.updated': '**{name}** has been changed: {changes}.',
  'municipalityAdmin.change.name': 'name “{from}” → “{to}”',
  'municipalityAdmin.change.kind': 'kind {from} → {to}',
  'municipalityAdmin.change.state': 'state {from} → {to}',
  'municipalityAdmin.change.key': '{from} → {to}',
  'municipalityAdmin.unchanged': 'That changes nothing for **{name}**.',
  'municipalityAdmin.archived':
    '**{name}** is archived: its data stays, but it is no longer offered anywhere and its tenants are no longer allowed. “municipality restore {name}” undoes this.',
  'municipalityAdmin.alreadyArchived': '**{name}** is already archived.',
  'municipalityAdmin.restored': '**{name}** has been restored and is offered again.',
  'municipalityAdmin.notArchived': '**{name}** is not archived.',
  'municipalityAdmin.tenantInvalid.format':
    'A tenant id is a GUID such as 3c5d7e9f-1a2b-4c3d-8e9f-0a1b2c3d4e5f (Entra admin center, “Overview” → “Tenant ID”).',
  'municipalityAdmin.tenantInvalid.consumer':
    'That is the tenant of personal Microsoft accounts. Registering it would let every personal account in; that is not possible.',
  'municipalityAdmin.tenantRegistered':
    'Tenant `{tenant}` is registered for **{name}**. Its users may now use the bot and the dashboard (once the Teams app is installed in their tenant).',
  'municipalityAdmin.tenantAlready': 'Tenant `{tenant}` was already registered for **{name}**.',
  'municipalityAdmin.tenantAlsoFor': 'Note: the same tenant is also registered for {list}.',
  'municipalityAdmin.tenantRemoved': 'Tenant `{tenant}` is no longer registered for **{name}**.',
  'municipalityAdmin.tenantNotRegistered': 'Tenant `{tenant}` was not registered for **{name}**.',
  'municipalityAdmin.tenantsTitle': 'Registered tenants ({count})',
  'municipalityAdmin.tenantsTitleOf': 'Registered tenants of {name} ({count})',
  'municipalityAdmin.tenantsNone':
    'No tenants are registered yet. Register one with “tenant <municipality> <tenant id>”.',
  'municipalityAdmin.tenantsNoneOf':
    'No tenant is registered for **{name}**. Register one with “tenant {name} <tenant id>”.',
  'municipalityAdmin.tenantLine': '- `{tenant}` → **{name}** (since {date}){flags}',
  'municipalityAdmin.conflict':
    'The municipality was changed by someone else at the same moment; I stored nothing. Please check with “municipalities” and try again.',
  'municipalityAdmin.kind.gemeinde': 'municipality',
  'municipalityAdmin.kind.kreisangehoerige_stadt': 'town within a district',
  'municipalityAdmin.kind.kreisfreie_stadt': 'independent city',
  'municipalityAdmin.kind.landkreis': 'district',
};

export type MunicipalityAdminMessageKey = keyof typeof municipalityAdminDe;
