import type { SeedContext } from '../../app.js';
import { BUSY_STARTS, BUSY_TITLES, SEED_EVENTS, WEEKDAYS } from './catalogue.js';
import { DAY_MS } from './times.js';

function at(day: string, clock: string): number {
  return Date.parse(`2026-${day}T${clock}:00+08:00`);
}

/**
 * Seeds the personas' calendars and their contacts' commitments (fixed), then gives every contact
 * zero to two seed-varied one-hour busy blocks per weekday.
 */
export function seedCalendar({ db, rng, now }: SeedContext): void {
  const created = now - 3 * DAY_MS;
  const event = db.prepare("INSERT INTO calendar_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)");
  const attendee = db.prepare('INSERT INTO calendar_attendees VALUES (?, ?, ?, ?)');
  for (const e of SEED_EVENTS) {
    event.run(
      e.id,
      e.organizer,
      e.title,
      e.description ?? '',
      at(e.day, e.start),
      at(e.day, e.end),
      e.location,
      e.place_id ?? null,
      created,
      created,
    );
    for (const [person, response] of e.attendees ?? []) {
      attendee.run(e.id, person, response, response === 'needs_action' ? null : created + 3600_000);
    }
  }

  const contacts = db.prepare("SELECT id FROM world_people WHERE kind = 'contact' ORDER BY id").all() as {
    id: string;
  }[];
  for (const { id } of contacts) {
    for (const day of WEEKDAYS) {
      const starts = rng.shuffle(BUSY_STARTS).slice(0, rng.int(0, 2)).sort();
      starts.forEach((start, i) => {
        const begin = at(day, start);
        const eventId = `evt_busy_${id.replace(/^p_/, '')}_${day.replace('-', '')}_${i + 1}`;
        event.run(
          eventId,
          id,
          rng.pick(BUSY_TITLES),
          '',
          begin,
          begin + 3600_000,
          '',
          null,
          created,
          created,
        );
      });
    }
  }
}
