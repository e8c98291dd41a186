import { type PersonWorld, partiesIn, partyId, type Party } from '../../person/index.js';

function row(p: Party): string {
  switch (p.kind) {
    case 'contact':
      return `${p.contact.id} | ${[...new Set(p.contact.names)].slice(0, 4).join(' / ')} | ${p.contact.relation}`;
    case 'group':
      return `${p.group.id} | ${p.group.names.slice(0, 3).join(' / ')} | group`;
    case 'biller':
      return `${p.biller.id} | ${p.biller.names.slice(0, 3).join(' / ')} | biller`;
  }
}

/**
 * The person's contacts and groups that a name, nickname or relation means, as compact rows; everyone
 * when it means no one. Read from the person's own world, so it needs no app and no app text.
 */
export function findPeople(person: PersonWorld, name: string): string {
  const header = 'id | names | relation';
  const everyone: Party[] = [
    ...person.contacts.map((contact) => ({ kind: 'contact' as const, contact })),
    ...person.groups.map((group) => ({ kind: 'group' as const, group })),
  ];
  const found = name.trim() ? partiesIn(person, name).flatMap((m) => m.candidates) : everyone;
  const unique = found.filter((p, i) => found.findIndex((q) => partyId(q) === partyId(p)) === i);
  if (unique.length > 0) return [header, ...unique.map(row)].join('\n');
  return [`No contact or group is called "${name}". Everyone:`, header, ...everyone.map(row)].join('\n');
}
