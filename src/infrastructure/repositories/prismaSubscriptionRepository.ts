import type { ChannelSubscription as Row, PrismaClient } from '../../generated/prisma/client';
import type { StoredReference } from '../../domain/model';
import type { ChannelSubscription, SubscriptionRepository, SubscriptionScope } from '../../domain/ports/outbox';

function toSubscription(r: Row): ChannelSubscription {
  return {
    id: r.id,
    conversationId: r.conversationId,
    scope: r.scope,
    reference: r.reference as StoredReference,
    locale: r.locale === 'en' ? 'en' : 'de',
    status: r.status,
    staleReason: r.staleReason,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

export class PrismaSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async subscribe(input: Parameters<SubscriptionRepository['subscribe']>[0]): Promise<ChannelSubscription> {
    const conversationId = input.reference.conversation.id;
    const data = {
      serviceUrl: input.reference.serviceUrl,
      tenantId: input.tenantId,
      teamId: input.teamId,
      channelId: input.channelId,
      reference: input.reference as object,
      locale: input.locale,
      status: 'active' as const,
      staleReason: null,
      staleAt: null,
    };
    const row = await this.prisma.channelSubscription.upsert({
      where: { conversationId_scope: { conversationId, scope: input.scope } },
      create: { conversationId, scope: input.scope, createdBy: input.createdBy, ...data },
      update: data,
    });
    return toSubscription(row);
  }

  async unsubscribe(conversationId: string, scope?: SubscriptionScope): Promise<number> {
    const { count } = await this.prisma.channelSubscription.deleteMany({
      where: { conversationId, ...(scope !== undefined ? { scope } : {}) },
    });
    return count;
  }

  async ofConversation(conversationId: string): Promise<readonly ChannelSubscription[]> {
    return (
      await this.prisma.channelSubscription.findMany({ where: { conversationId }, orderBy: { scope: 'asc' } })
    ).map(toSubscription);
  }

  async list(): Promise<readonly ChannelSubscription[]> {
    return (await this.prisma.channelSubscription.findMany({ orderBy: [{ scope: 'asc' }, { createdAt: 'asc' }] })).map(
      toSubscription,
    );
  }

  async find(id: string): Promise<ChannelSubscription | undefined> {
    const row = await this.prisma.channelSubscription.findUnique({ where: { id } });
    return row === null ? undefined : toSubscription(row);
  }

  async refreshReference(conversationId: string, reference: StoredReference): Promise<void> {
    await this.prisma.channelSubscription.updateMany({
      where: { conversationId, serviceUrl: { not: reference.serviceUrl } },
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: a StoredReference has no index signature, Prisma's JSON input type wants one
      data: { serviceUrl: reference.serviceUrl, reference: reference as object },
    });
  }

  async markStale(id: string, reason: string): Promise<void> {
    await this.prisma.channelSubscription.updateMany({
      where: { id, status: 'active' },
      data: { status: 'stale', staleReason: reason, staleAt: new Date() },
    });
  }
}
