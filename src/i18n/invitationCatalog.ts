/** Staff texts: Invitation codes and members: inviting, listing and revoking codes; listing and removing members. German first; English complete. */
export const invitationsDe = {
  'invitations.help':
    'Einladungen und Mitglieder (Koordination und kommunale Leitungen, nur im persönlichen Chat):\n\n- **einladen <Kommune>**: ein Einladungscode für Mitarbeitende; er läuft nach einer festen Frist ab und ist bis dahin beliebig oft nutzbar\n- **einladen <Kommune> <Anzahl>**: ebenso, aber höchstens so oft nutzbar (1–500)\n- **einladen <Kommune> leitung**: ein Code für eine kommunale Leitung (nur Koordination; einmal nutzbar)\n- **einladungen <Kommune>**: die Codes der Kommune\n- **einladung widerrufen <Code-Anfang>**: z. B. `einladung widerrufen 7M3Q`\n- **mitglieder <Kommune>**: wer mitmacht (nur Nummer und Funktion)\n- **mitglied entfernen <Kommune> <Nummer>**: z. B. `mitglied entfernen Potsdam 3`',
  'invitations.usage.limit':
    'Die Anzahl der Nutzungen muss zwischen 1 und 500 liegen, z. B. `einladen Potsdam 20`. Ohne Anzahl ist ein Code bis zu seinem Ablauf beliebig oft nutzbar.',
  'invitations.usage.leadLimit':
    'Leitungscodes gelten immer genau einmal; eine Anzahl gibt es dafür nicht. Schreiben Sie `einladen <Kommune> leitung`.',
  'invitations.denied': 'Dafür fehlt Ihnen die Berechtigung.',
  'invitations.personalOnly':
    'Einladungscodes und Mitgliederlisten gibt es nur im persönlichen Chat mit mir, nie in einem Kanal. Bitte schreiben Sie mir den Befehl direkt.',
  'invitations.unknownMunicipality': 'Die Kommune „{name}“ kenne ich nicht. Teilnehmende Kommunen: {list}.',
  'invitations.ambiguousMunicipality': '„{name}“ passt auf mehrere Kommunen: {list}. Bitte genauer angeben.',
  'invitations.noCodes.archived':
    '{municipality} ist archiviert und nimmt keine neuen Mitglieder auf; deshalb gibt es dafür keine Einladungscodes.',
  'invitations.noCodes.demo':
    '{municipality} ist die Demo-Kommune: Dort kann jede*r ohne Code ausprobieren, deshalb gibt es dafür keine Einladungscodes.',
  'invitations.created.member':
    'Einladungscode für **{municipality}**: **{code}**\n\nGültig bis {date}; {uses}. Sie sehen den Code nur jetzt: Ich speichere ihn nicht lesbar. Leiten Sie die folgende Nachricht an die Mitarbeitenden weiter, die mitmachen sollen.',
  'invitations.created.lead':
    'Leitungscode für **{municipality}**: **{code}**\n\nGültig bis {date} und nur einmal nutzbar: Wer ihn einlöst, wird kommunale Leitung von {municipality}. Sie sehen den Code nur jetzt. Leiten Sie die folgende Nachricht nur an die vorgesehene Person weiter.',
  'invitations.uses.unlimited': 'bis dahin beliebig oft nutzbar',
  'invitations.uses.limited': 'höchstens {max}-mal nutzbar',
  'invitations.text.member':
    '**Einladung zum Selbstcheck „Weltoffene Kommune“ für {municipality}**\n\nDer Selbstcheck ist eine Bestandsaufnahme im Chat, mit der Mitarbeitende der Verwaltung gemeinsam einschätzen, wie weltoffen ihre Kommune in sieben Handlungsfeldern aufgestellt ist.\n\nIhr Einladungscode: **{code}**\n\n- **In Microsoft Teams:** Öffnen Sie den persönlichen Chat mit dem Weltoffen-Bot und schreiben Sie `code {code}`.\n- **Im Browser (Web-Chat):** Öffnen Sie {link} – der Code wird dort übernommen. Sie können ihn auch im Web-Chat eingeben: `code {code}`.\n\nDer Code gilt bis {date}. Bitte geben Sie ihn nur innerhalb der Verwaltung von {municipality} weiter.',
  'invitations.text.lead':
    '**Einladung zum Selbstcheck „Weltoffene Kommune“ für {municipality} – als kommunale Leitung**\n\nDer Selbstcheck ist eine Bestandsaufnahme im Chat, mit der Mitarbeitende der Verwaltung gemeinsam einschätzen, wie weltoffen ihre Kommune in sieben Handlungsfeldern aufgestellt ist. Als Leitung laden Sie Ihre Kolleg*innen ein und sehen die Ergebnisse Ihrer Kommune.\n\nIhr persönlicher Code: **{code}**\n\n- **In Microsoft Teams:** Öffnen Sie den persönlichen Chat mit dem Weltoffen-Bot und schreiben Sie `code {code}`.\n- **Im Browser (Web-Chat):** Öffnen Sie {link} – der Code wird dort übernommen. Sie können ihn auch im Web-Chat eingeben: `code {code}`.\n\nDer Code gilt einmal, bis {date}, und nur für Sie. Bitte geben Sie ihn nicht weiter.',
  'invitations.list.title': 'Einladungscodes für **{municipality}**',
  'invitations.list.none': 'Für {municipality} gibt es zurzeit keine Einladungscodes.',
  'invitations.list.line': '- `WK-{start}-…` · {role} · {uses} · bis {date} · **{state}**',
  'invitations.list.hint': 'Widerrufen: `einladung widerrufen <Code-Anfang>`, z. B. `einladung widerrufen {example}`.',
  'invitations.role.member': 'Mitglieder',
  'invitations.role.lead': 'Leitung',
  'invitations.usesOf': '{uses} von {max} genutzt',
  'invitations.usesCount': '{uses}-mal genutzt',
  'invitations.state.valid': 'gültig',
  'invitations.state.expired': 'abgelaufen',
  'invitations.state.revoked': 'widerrufen',
  'invitations.state.used_up': 'aufgebraucht',
  'invitations.revoked': '{count} Einladungscode(s) widerrufen. Wer schon dabei ist, bleibt Mitglied.',
  'invitations.revokedNone': 'Kein gültiger Einladungscode Ihrer Kommunen beginnt so; nichts widerrufen.',
  'invitations.members.title': 'Mitglieder von **{municipality}**',
  'invitations.members.none': '{municipality} hat noch keine Mitglieder.',
  'invitations.members.line': '- {label} – {joined}{answers}',
  'invitations.members.label': 'Befragte {no} · {function}',
  'invitations.members.roleUnknown': 'Funktion noch nicht angegeben',
  'invitations.members.joined.tenant': 'über die Organisation in Teams',
  'invitations.members.joined.invitation': 'mit Einladungscode',
  'invitations.members.joined.legacy': 'vor der Prüfung dabei – bitte prüfen',
  'invitations.members.joined.demo': 'Demo',
  'invitations.members.answers': ' · {count} Antwort(en) in der laufenden Runde',
  'invitations.members.hint':
    'Entfernen: `mitglied entfernen {municipality} <Nummer>`. Die Antworten der laufenden Runde werden dabei gelöscht; abgeschlossene Runden bleiben unverändert.',
  'invitations.memberRemoved':
    'Befragte {no} gehört nicht mehr zu {municipality}. {count} Antwort(en) der laufenden Runde wurden entfernt; abgeschlossene Runden bleiben unverändert.',
  'invitations.noSuchMember':
    '{municipality} hat kein Mitglied mit der Nummer {no}. Die Nummern zeigt `mitglieder {municipality}`.',
  'invitations.leadMember':
    'Befragte {no} ist kommunale Leitung von {municipality}. Leitungen kann nur die Koordination entfernen.',
};

export const invitationsEn: Record<keyof typeof invitationsDe, string> = {
  'invitations.help':
    "Invitations and members (coordinators and municipal leads, in the personal chat only):\n\n- **invite <municipality>**: an invitation code for staff; it expires after a fixed period and can be used any number of times until then\n- **invite <municipality> <number>**: the same, but usable at most that many times (1–500)\n- **invite <municipality> lead**: a code for a municipal lead (coordinators only; single-use)\n- **invitations <municipality>**: the municipality's codes\n- **revoke invitation <code start>**: e.g. `revoke invitation 7M3Q`\n- **members <municipality>**: who takes part (number and function only)\n- **remove member <municipality> <number>**: e.g. `remove member Potsdam 3`",
  'invitations.usage.limit':
    'The number of uses must be between 1 and 500, e.g. `invite Potsdam 20`. Without a number a code can be used any number of times until it expires.',
  'invitations.usage.leadLimit':
    'Lead codes are always single-use; they take no number. Write `invite <municipality> lead`.',
  'invitations.denied': 'You do not have permission to do that.',
  'invitations.personalOnly':
    'Invitation codes and member lists are only available in your personal chat with me, never in a channel. Please send me the command directly.',
  'invitations.unknownMunicipality': 'I do not know the municipality "{name}". Participating municipalities: {list}.',
  'invitations.ambiguousMunicipality': '"{name}" matches several municipalities: {list}. Please be more specific.',
  'invitations.noCodes.archived':
    '{municipality} is archived and takes no new members, so there are no invitation codes for it.',
  'invitations.noCodes.demo':
    '{municipality} is the demo municipality: anyone can try it without a code, so there are no invitation codes for it.',
  'invitations.created.member':
    'Invitation code for **{municipality}**: **{code}**\n\nValid until {date}; {uses}. You only see the code now: I do not store it in readable form. Forward the next message to the staff who should take part.',
  'invitations.created.lead':
    'Lead code for **{municipality}**: **{code}**\n\nValid until {date} and single-use: whoever redeems it becomes municipal lead of {municipality}. You only see the code now. Forward the next message only to the intended person.',
  'invitations.uses.unlimited': 'usable any number of times until then',
  'invitations.uses.limited': 'usable at most {max} times',
  'invitations.text.member':
    '**Invitation to the "Weltoffene Kommune" self-check for {municipality}**\n\nThe self-check is a stocktaking in a chat in which the administration\'s staff assess together how open and welcoming their municipality is in seven fields of action.\n\nYour invitation code: **{code}**\n\n- **In Microsoft Teams:** open the personal chat with the Weltoffen-Bot and write `code {code}`.\n- **In the browser (web chat):** open {link} – the code is taken over there. You can also type it in the web chat: `code {code}`.\n\nThe code is valid until {date}. Please share it only within the administration of {municipality}.',
  'invitations.text.lead':
    '**Invitation to the "Weltoffene Kommune" self-check for {municipality} – as municipal lead**\n\nThe self-check is a stocktaking in a chat in which the administration\'s staff assess together how open and welcoming their municipality is in seven fields of action. As lead you invite your colleagues and see your municipality\'s results.\n\nYour personal code: **{code}**\n\n- **In Microsoft Teams:** open the personal chat with the Weltoffen-Bot and write `code {code}`.\n- **In the browser (web chat):** open {link} – the code is taken over there. You can also type it in the web chat: `code {code}`.\n\nThe code works once, until {date}, and only for you. Please do not pass it on.',
  'invitations.list.title': 'Invitation codes for **{municipality}**',
  'invitations.list.none': 'There are currently no invitation codes for {municipality}.',
  'invitations.list.line': '- `WK-{start}-…` · {role} · {uses} · until {date} · **{state}**',
  'invitations.list.hint': 'To revoke: `revoke invitation <code start>`, e.g. `revoke invitation {example}`.',
  'invitations.role.member': 'members',
  'invitations.role.lead': 'lead',
  'invitations.usesOf': '{uses} of {max} used',
  'invitations.usesCount': 'used {uses} times',
  'invitations.state.valid': 'valid',
  'invitations.state.expired': 'expired',
  'invitations.state.revoked': 'revoked',
  'invitations.state.used_up': 'used up',
  'invitations.revoked': '{count} invitation code(s) revoked. People who already joined stay members.',
  'invitations.revokedNone': 'No valid invitation code of your municipalities starts like that; nothing was revoked.',
  'invitations.members.title': 'Members of **{municipality}**',
  'invitations.members.none': '{municipality} has no members yet.',
  'invitations.members.line': '- {label} – {joined}{answers}',
  'invitations.members.label': 'Respondent {no} · {function}',
  'invitations.members.roleUnknown': 'function not given yet',
  'invitations.members.joined.tenant': 'through the organisation in Teams',
  'invitations.members.joined.invitation': 'with an invitation code',
  'invitations.members.joined.legacy': 'joined before verification – please review',
  'invitations.members.joined.demo': 'demo',
  'invitations.members.answers': ' · {count} answer(s) in the current round',
  'invitations.members.hint':
    'To remove: `remove member {municipality} <number>`. Their answers in the current round are deleted; completed rounds stay as they are.',
  'invitations.memberRemoved':
    'Respondent {no} no longer belongs to {municipality}. {count} answer(s) of the current round were removed; completed rounds stay as they are.',
  'invitations.noSuchMember':
    '{municipality} has no member with number {no}. `members {municipality}` shows the numbers.',
  'invitations.leadMember': 'Respondent {no} is municipal lead of {municipality}. Only coordinators can remove a lead.',
};

export type InvitationsMessageKey = keyof typeof invitationsDe;
