import { auditActor, type WriteScope } from './registry.scope.ts';
import type { PartyRef } from './registry.types.ts';

type ParsedRef = { name: string } & Partial<Record<'kind' | 'penName' | 'identifier' | 'email' | 'phone' | 'address', unknown>>;

/**
 * The party a work or mark names. Officers' details update the party; a rights holder naming a
 * co-owner or an author only finds or creates it, never edits somebody else's contact details.
 */
export async function resolveParty(s: WriteScope, ref: ParsedRef | PartyRef): Promise<number> {
  const fields = typeof ref === 'string' ? { name: ref } : (ref as ParsedRef);
  if (s.actor.role !== 'officer') {
    const found = await s.parties.find(fields.name, (fields.identifier as string | null | undefined) ?? null);
    if (found) return found.id;
  }
  const { party, before, outcome } = await s.parties.upsert(fields as Parameters<typeof s.parties.upsert>[0]);
  if (outcome !== 'unchanged') {
    await s.audit.record(s.tx, { actor: auditActor(s), action: outcome === 'created' ? 'party.create' : 'party.update', entity: { type: 'party', id: party.id }, before, after: party });
  }
  return party.id;
}
