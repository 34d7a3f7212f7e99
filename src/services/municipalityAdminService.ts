/**
 * Coordinators manage the municipalities (add, rename, change kind, state and official key, archive,
 * restore) and the Microsoft Entra tenants registered for them, in chat and in the dashboard alike. Only
 * coordinators of an allowed tenant may; anyone else gets one plain denial before any name is looked at.
 * Ids never change; new ones are derived from the name. The demo municipality stays as it is. Archived
 * municipalities are listed here only, and found again for restoring. Results are data (the callers word them).
 */
import { isCoordinator, parseAadIdentityKey } from '../domain/access';
import { matchMunicipality, municipalityKey } from '../domain/conversation/coordinatorCommands';
import type { MunicipalityCommand } from '../domain/conversation/municipalityCommands';
import {
  checkTenantId,
  federalState,
  newMunicipalityId,
  validateMunicipality,
  type MunicipalityDraft,
  type ValidMunicipality,
} from '../domain/membership/municipalityRules';
import type { Municipality } from '../domain/model';
import type { Clock } from '../domain/ports/clock';
import type { AuditLog } from '../domain/ports/audit';
import type { MunicipalityAdmin, MunicipalityPatch, TenantRegistry } from '../domain/ports/membership';
import type { AccessService } from './accessService';
import type { MunicipalityAdminResult as Result, MunicipalityListing } from './municipalityAdminResults';

export interface MunicipalityAdminDeps {
  readonly access: Pick<AccessService, 'principalOf' | 'isAllowedTenant' | 'forgetRegisteredTenants'>;
  readonly municipalities: MunicipalityAdmin;
  readonly tenants: TenantRegistry;
  readonly clock: Clock;
  /** The audit trail: tenant registrations and removals are recorded (a tenant id names an organisation). */
  readonly audit: Pick<AuditLog, 'record'>;
}

/** A municipality as the chat names it (matched forgivingly) or as the dashboard sends it (its id). */
export type MunicipalityRef = { readonly id: string } | { readonly name: string };

/** A change from the dashboard or a command: words as typed; `officialKey` null removes the key. */
export type MunicipalityChange = Partial<MunicipalityDraft>;

const DENIED: Result = { kind: 'denied' };
/** Names offered when a name is not found: enough to spot a typo, not a wall of text. */
const MAX_CANDIDATES = 25;

type Found = { readonly municipality: Municipality } | { readonly reply: Result };

export class MunicipalityAdminService {
  constructor(private readonly deps: MunicipalityAdminDeps) {}

  /** Coordinators of an allowed tenant; Teams and tab identities only (`aad:<tenant>:<object id>`). */
  async mayManage(identityKey: string): Promise<boolean> {
    const aad = parseAadIdentityKey(identityKey.toLowerCase());
    if (aad === undefined || !(await this.deps.access.isAllowedTenant(aad.tenantId))) return false;
    return isCoordinator(await this.deps.access.principalOf(identityKey));
  }

  /** A chat command: one role check, then the same operations the dashboard uses. */
  async handle(identityKey: string, command: MunicipalityCommand): Promise<Result> {
    if (command.kind === 'municipalityHelp') return { kind: 'help' };
    if (!(await this.mayManage(identityKey))) return DENIED;
    switch (command.kind) {
      case 'usage':
        return { kind: 'usage', topic: command.topic };
      case 'listMunicipalities':
        return this.listing();
      case 'addMunicipality':
        return this.doCreate({
          name: command.name,
          kind: command.municipalityKind,
          state: command.state,
          officialKey: command.officialKey,
        });
      case 'renameMunicipality':
        return this.doUpdate({ name: command.municipality }, { name: command.name });
      case 'setKind':
        return this.doUpdate(
          { name: command.municipality },
          { kind: command.municipalityKind, ...keyChange(command.officialKey) },
        );
      case 'setState':
        return this.doUpdate(
          { name: command.municipality },
          { state: command.state, ...keyChange(command.officialKey) },
        );
      case 'setKey':
        return this.doUpdate({ name: command.municipality }, { officialKey: command.officialKey });
      case 'archive':
        return this.doArchive({ name: command.municipality }, true);
      case 'restore':
        return this.doArchive({ name: command.municipality }, false);
      case 'registerTenant':
        return this.doRegister(identityKey, { name: command.municipality }, command.tenantId);
      case 'removeTenant':
        return this.doRemove(identityKey, { name: command.municipality }, command.tenantId);
      case 'listTenants':
        return this.doTenants(command.municipality === undefined ? undefined : { name: command.municipality });
    }
  }

  // The dashboard's operations: each checks the role itself.

  async list(identityKey: string): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.listing() : DENIED;
  }

  async create(identityKey: string, draft: MunicipalityDraft): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.doCreate(draft) : DENIED;
  }

  async update(identityKey: string, ref: MunicipalityRef, change: MunicipalityChange): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.doUpdate(ref, change) : DENIED;
  }

  async setArchived(identityKey: string, ref: MunicipalityRef, archived: boolean): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.doArchive(ref, archived) : DENIED;
  }

  async registerTenant(identityKey: string, ref: MunicipalityRef, tenantId: string): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.doRegister(identityKey, ref, tenantId) : DENIED;
  }

  async removeTenant(identityKey: string, ref: MunicipalityRef, tenantId: string): Promise<Result> {
    return (await this.mayManage(identityKey)) ? this.doRemove(identityKey, ref, tenantId) : DENIED;
  }

  // ---- after the role check ----

  private async listing(): Promise<Result> {
    const [all, registrations] = await Promise.all([this.deps.municipalities.listAll(), this.deps.tenants.list()]);
    const byMunicipality = new Map<string, string[]>();
    for (const r of registrations)
      byMunicipality.set(r.municipalityId, [...(byMunicipality.get(r.municipalityId) ?? []), r.tenantId]);
    const municipalities: MunicipalityListing[] = all.map((m) => ({ ...m, tenants: byMunicipality.get(m.id) ?? [] }));
    return { kind: 'list', municipalities };
  }

  private async doCreate(draft: MunicipalityDraft): Promise<Result> {
    const valid = validateMunicipality(draft);
    if (!valid.ok) return { kind: 'invalid', problem: valid.problem };
    const all = await this.deps.municipalities.listAll();
    const clash = duplicateOf(valid.value, all, undefined);
    if (clash !== undefined) return clash;
    const state = federalState(valid.value.state);
    if (state === undefined) return { kind: 'invalid', problem: { kind: 'state' } };
    const id = newMunicipalityId(valid.value.name, state, new Set(all.map((m) => m.id)));
    const written = await this.deps.municipalities.create({ id, ...valid.value });
    return typeof written === 'string' ? { kind: 'conflict' } : { kind: 'created', municipality: written };
  }

  private async doUpdate(ref: MunicipalityRef, change: MunicipalityChange): Promise<Result> {
    const found = await this.find(ref, 'active');
    if ('reply' in found) return found.reply;
    const m = found.municipality;
    if (m.demo) return { kind: 'demoLocked', municipality: m };
    if (m.archived) return { kind: 'isArchived', municipality: m };
    const valid = validateMunicipality({
      name: change.name ?? m.name,
      kind: change.kind ?? m.kind,
      state: change.state ?? m.state,
      officialKey: change.officialKey !== undefined ? change.officialKey : m.officialKey,
    });
    if (!valid.ok) return { kind: 'invalid', problem: valid.problem };
    const clash = duplicateOf(valid.value, await this.deps.municipalities.listAll(), m.id);
    if (clash !== undefined) return clash;
    const patch = differences(m, valid.value);
    if (Object.keys(patch).length === 0) return { kind: 'unchanged', municipality: m };
    const written = await this.deps.municipalities.update(m.id, patch);
    return typeof written === 'string' ? { kind: 'conflict' } : { kind: 'updated', municipality: written, before: m };
  }

  private async doArchive(ref: MunicipalityRef, archive: boolean): Promise<Result> {
    const found = await this.find(ref, archive ? 'active' : 'archived');
    if ('reply' in found) return found.reply;
    const m = found.municipality;
    if (m.demo) return { kind: 'demoLocked', municipality: m };
    if (m.archived === archive) return { kind: archive ? 'archived' : 'restored', municipality: m, already: true };
    const written = await this.deps.municipalities.setArchived(m.id, archive ? this.deps.clock.now() : null);
    // Its registered tenants stop (or start again) being allowed.
    this.deps.access.forgetRegisteredTenants();
    if (typeof written === 'string') return { kind: 'conflict' };
    return { kind: archive ? 'archived' : 'restored', municipality: written, already: false };
  }

  private async doRegister(identityKey: string, ref: MunicipalityRef, tenantText: string): Promise<Result> {
    const found = await this.find(ref, 'active');
    if ('reply' in found) return found.reply;
    const m = found.municipality;
    if (m.demo) return { kind: 'demoLocked', municipality: m };
    if (m.archived) return { kind: 'isArchived', municipality: m };
    const tenant = checkTenantId(tenantText);
    if (!tenant.ok) return { kind: 'invalidTenantId', problem: tenant.problem };
    // Recorded before the registration, which lets the tenant's users in: no access without its record. A
    // tenant registered already changes nothing and is not recorded again.
    const registered = await this.deps.tenants.list(m.id);
    if (!registered.some((r) => r.tenantId === tenant.tenantId))
      await this.deps.audit.record({
        action: 'tenant_registered',
        actor: identityKey,
        municipalityId: m.id,
        detail: { tenant: tenant.tenantId },
      });
    const added = await this.deps.tenants.register(m.id, tenant.tenantId, identityKey);
    this.deps.access.forgetRegisteredTenants();
    const others = (await this.deps.tenants.municipalitiesOfTenant(tenant.tenantId)).filter((id) => id !== m.id);
    const names = others.length === 0 ? new Map<string, string>() : await this.names();
    return {
      kind: 'tenantRegistered',
      municipality: m,
      tenantId: tenant.tenantId,
      added,
      alsoFor: others.map((id) => names.get(id) ?? id),
    };
  }

  private async doRemove(identityKey: string, ref: MunicipalityRef, tenantText: string): Promise<Result> {
    const found = await this.find(ref, 'active');
    if ('reply' in found) return found.reply;
    const m = found.municipality;
    const tenant = checkTenantId(tenantText);
    if (!tenant.ok) return { kind: 'invalidTenantId', problem: tenant.problem };
    const removed = await this.deps.tenants.remove(m.id, tenant.tenantId);
    this.deps.access.forgetRegisteredTenants();
    // After the removal, only when there was one; ending access never waits for the trail.
    if (removed)
      await this.deps.audit.record({
        action: 'tenant_removed',
        actor: identityKey,
        municipalityId: m.id,
        detail: { tenant: tenant.tenantId },
      });
    return { kind: 'tenantRemoved', municipality: m, tenantId: tenant.tenantId, removed };
  }

  private async doTenants(ref: MunicipalityRef | undefined): Promise<Result> {
    let municipality: Municipality | null = null;
    if (ref !== undefined) {
      const found = await this.find(ref, 'active');
      if ('reply' in found) return found.reply;
      municipality = found.municipality;
    }
    const [all, registrations] = await Promise.all([
      this.deps.municipalities.listAll(),
      this.deps.tenants.list(municipality?.id),
    ]);
    const byId = new Map(all.map((m) => [m.id, m]));
    const tenants = registrations.flatMap((r) => {
      const m = byId.get(r.municipalityId);
      return m === undefined ? [] : [{ municipality: m, tenantId: r.tenantId, createdAt: r.createdAt }];
    });
    return { kind: 'tenants', municipality, tenants };
  }

  private async names(): Promise<ReadonlyMap<string, string>> {
    return new Map((await this.deps.municipalities.listAll()).map((m) => [m.id, m.name]));
  }

  /**
   * Finds a municipality by id or name. Names are matched among the preferred group (active ones for changes,
   * archived ones for restoring) first, then among the rest, so "wiederherstellen Alt" finds the archived "Alt".
   * Unknown names are answered with the active municipalities' names only.
   */
  private async find(ref: MunicipalityRef, prefer: 'active' | 'archived'): Promise<Found> {
    const all = await this.deps.municipalities.listAll();
    const active = all.filter((m) => !m.archived);
    if ('id' in ref) {
      const m = all.find((x) => x.id === ref.id);
      return m !== undefined
        ? { municipality: m }
        : { reply: { kind: 'unknownMunicipality', name: ref.id, candidates: [] } };
    }
    const archived = all.filter((m) => m.archived);
    const [first, second] = prefer === 'active' ? [active, archived] : [archived, active];
    for (const group of [first, second]) {
      const match = matchMunicipality(ref.name, group);
      if (match.kind === 'one') return { municipality: match.municipality };
      if (match.kind === 'ambiguous')
        return {
          reply: {
            kind: 'ambiguousMunicipality',
            name: ref.name,
            candidates: match.candidates.slice(0, MAX_CANDIDATES).map((m) => m.name),
          },
        };
    }
    return {
      reply: {
        kind: 'unknownMunicipality',
        name: ref.name,
        candidates: active.slice(0, MAX_CANDIDATES).map((m) => m.name),
      },
    };
  }
}

/** A key change only when the command named one (undefined keeps the stored key). */
function keyChange(officialKey: string | null | undefined): MunicipalityChange {
  return officialKey === undefined ? {} : { officialKey };
}

/** Same name in the same state, or the same official key, on another municipality (archived ones count). */
function duplicateOf(v: ValidMunicipality, all: readonly Municipality[], self: string | undefined): Result | undefined {
  const others = all.filter((m) => m.id !== self);
  const key = municipalityKey(v.name);
  const sameName = others.find((m) => m.state === v.state && municipalityKey(m.name) === key);
  if (sameName !== undefined) return { kind: 'duplicateName', existing: sameName };
  const sameKey = v.officialKey === null ? undefined : others.find((m) => m.officialKey === v.officialKey);
  return sameKey === undefined ? undefined : { kind: 'duplicateKey', existing: sameKey };
}

function differences(m: Municipality, v: ValidMunicipality): MunicipalityPatch {
  return {
    ...(v.name !== m.name ? { name: v.name } : {}),
    ...(v.kind !== m.kind ? { kind: v.kind } : {}),
    ...(v.state !== m.state ? { state: v.state } : {}),
    ...(v.officialKey !== m.officialKey ? { officialKey: v.officialKey } : {}),
  };
}
