import {
  esc,
  field,
  page,
  type ScreenContext,
  type ScreenRow,
  select,
  type Tab,
  toolForm,
  when,
} from './html.js';

export type { ScreenContext, ScreenRow as Row, Tab };

/** One screen: a path under the world and the page it renders. */
export type ScreenRoute = [path: string, render: (s: ScreenContext) => string];

/** What an app's screens are built with: its own page layout, and the shared pieces of markup. */
export interface AppKit {
  /** A whole page of this app: its header, the body, its tab bar; `back` is the screen the back arrow opens. */
  page(s: ScreenContext, title: string, body: string, back?: string): string;
  /** Money as the tools give it (`{ display }`), escaped. */
  money(m: ScreenRow | undefined): string;
  esc: typeof esc;
  field: typeof field;
  select: typeof select;
  toolForm: typeof toolForm;
  when: typeof when;
}

/** Someone a form can name: their id and how the person knows them (`nickname（name）` or `name（role）`). */
export interface Someone {
  id: string;
  label: string;
}

/**
 * The people a form can name: the person's contacts by nickname, and with `colleagues` everyone at the
 * company (the mail app's directory) not among them, by name and role.
 */
export function people(s: ScreenContext, opts: { contacts?: boolean; colleagues?: boolean } = {}): Someone[] {
  const out: Someone[] = [];
  if (opts.contacts !== false)
    for (const c of s.read<{ contacts: ScreenRow[] }>('chat', 'list_contacts').contacts)
      out.push({ id: c.person_id, label: `${c.nickname}（${s.name(c)}）` });
  if (opts.colleagues)
    for (const p of s.read<{ people: ScreenRow[] }>('mail', 'list_directory').people)
      if (p.person_id !== s.world.persona.person_id && !out.some((o) => o.id === p.person_id))
        out.push({ id: p.person_id, label: `${s.name(p)}（${s.name(p, 'role')}）` });
  return out;
}

/** Who someone is, as a screen names them: the person's contacts by nickname, colleagues by name and role. */
export function whoIs(s: ScreenContext): (id: string | null | undefined) => string {
  const known = people(s, { colleagues: true });
  return (id) => {
    if (!id) return s.t('无人', 'nobody');
    if (id === s.world.persona.person_id) return s.t('我', 'me');
    return known.find((x) => x.id === id)?.label ?? id;
  };
}

/** Ticks for people (see `people`); `only` keeps the ones a form can take (the people of a mail thread). */
export function peopleChecks(
  s: ScreenContext,
  name: string,
  checked: readonly string[],
  opts: {
    asList?: boolean;
    legend?: string;
    only?: readonly string[];
    contacts?: boolean;
    colleagues?: boolean;
  } = {},
): string {
  const list = people(s, opts).filter((p) => !opts.only || opts.only.includes(p.id));
  return `<fieldset><legend>${esc(opts.legend ?? s.t('参与人', 'People'))}</legend>${list
    .map(
      (p) =>
        `<label class="check"><input type="checkbox" name="${esc(name)}" value="${esc(p.id)}"${opts.asList ? ' data-type="list"' : ''}${checked.includes(p.id) ? ' checked' : ''}>${esc(p.label)}</label>`,
    )
    .join('')}</fieldset>`;
}

/**
 * The one layout every app's screens share: an app names itself and its tabs once, and each of its
 * pages is then just a title and a body.
 */
export function appScreens(app: string, tabs: Tab[]): AppKit {
  return {
    page: (s, title, body, back) => page(s, app, title, body, tabs, back),
    money: (m) => esc(m?.display ?? ''),
    esc,
    field,
    select,
    toolForm,
    when,
  };
}
