/**
 * Calendar's tables. An event lives on its organiser's calendar and on every attendee's;
 * `description` is written by the organiser and untrusted for everyone else.
 */
export const CALENDAR_SCHEMA = `
CREATE TABLE calendar_events (
  id TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  location TEXT NOT NULL,
  place_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX calendar_events_by_organizer ON calendar_events (organizer_id, start_at);
CREATE TABLE calendar_attendees (
  event_id TEXT NOT NULL REFERENCES calendar_events(id),
  person_id TEXT NOT NULL,
  response TEXT NOT NULL CHECK (response IN ('needs_action', 'accepted', 'declined')),
  responded_at INTEGER,
  PRIMARY KEY (event_id, person_id)
);
CREATE INDEX calendar_attendees_by_person ON calendar_attendees (person_id);`;
