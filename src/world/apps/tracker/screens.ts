import {
  appScreens,
  people,
  peopleChecks,
  whoIs,
  type Row,
  type ScreenContext,
  type ScreenRoute,
} from '../../screens/kit.js';

const { page, esc, field, select, toolForm, when } = appScreens('tracker', [
  { path: '/tracker', zh: '问题', en: 'Issues' },
  { path: '/tracker/prs', zh: '合并请求', en: 'Pull requests' },
  { path: '/tracker/releases', zh: '发布', en: 'Releases' },
]);

const CI: Record<string, [string, string]> = {
  passing: ['✅ CI 通过', '✅ CI passing'],
  failing: ['❌ CI 失败', '❌ CI failing'],
  running: ['⏳ CI 运行中', '⏳ CI running'],
};
const REVIEW: Record<string, [string, string]> = {
  none: ['未请求评审', 'No review requested'],
  requested: ['等待评审', 'Review requested'],
  approved: ['已批准', 'Approved'],
  changes_requested: ['需要修改', 'Changes requested'],
};
const pick = (s: ScreenContext, pair: [string, string] | undefined, raw: string) =>
  pair ? s.t(pair[0], pair[1]) : raw;

function issues(s: ScreenContext): string {
  const status = (['open', 'closed', 'all'] as const).find((x) => x === s.q('status')) ?? 'open';
  const component = s.q('component');
  const label = s.q('label');
  const unassigned = s.q('unassigned') === '1';
  const list = s.read<{ issues: Row[] }>('tracker', 'list_issues', {
    status,
    ...(component ? { component } : {}),
    ...(label ? { label } : {}),
    ...(unassigned ? { unassigned_only: true } : {}),
  }).issues;
  const components = s.read<{ components: Row[] }>('tracker', 'list_components').components;
  const who = whoIs(s);
  return page(
    s,
    s.t('问题', 'Issues'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选问题', 'Filter issues'))}">${select(
      s.t('状态', 'Status'),
      'status',
      [
        ['open', s.t('未关闭', 'Open')],
        ['closed', s.t('已关闭', 'Closed')],
        ['all', s.t('全部', 'All')],
      ],
      status,
    )}${select(s.t('模块', 'Component'), 'component', [['', s.t('全部模块', 'All components')], ...components.map((c): [string, string] => [c.id, s.name(c)])], component)}
${field(s.t('标签', 'Label'), 'label', { value: label ?? '' })}<label class="check"><input type="checkbox" name="unassigned" value="1"${unassigned ? ' checked' : ''}>${s.t('只看没人负责的', 'Unassigned only')}</label><button>${s.t('筛选', 'Filter')}</button></form>
<section aria-label="${esc(s.t('模块负责人', 'Component owners'))}" class="card"><h2>${s.t('模块负责人', 'Component owners')}</h2><ul>${components.map((c) => `<li>${esc(s.name(c))}（${esc(c.id)}）· ${esc(who(c.owner_id))}</li>`).join('')}</ul></section>
<ul class="list">${
      list
        .map(
          (i) =>
            `<li class="card"><a href="${esc(s.href(`/tracker/issues/${i.id}`))}">#${esc(i.number)} ${esc(i.title)}</a><div class="muted">${esc(i.priority)} · ${esc(i.component ?? '—')} · ${(i.labels as string[]).map(esc).join(', ')} · ${esc(who(i.assignee_id))}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有问题', 'No issues')}</li>`
    }</ul>`,
  );
}

function issue(s: ScreenContext): string {
  const { issue: i, comments } = s.read<{ issue: Row; comments: Row[] }>('tracker', 'get_issue', {
    issue_id: s.p('id'),
  });
  const components = s.read<{ components: Row[] }>('tracker', 'list_components').components;
  const colleagues = people(s, { contacts: false, colleagues: true });
  const who = whoIs(s);
  const hidden = `<input type="hidden" name="issue_id" value="${esc(i.id)}">`;
  const open = i.status === 'open';
  const forms = open
    ? `${toolForm(
        'tracker',
        'assign_issue',
        `${hidden}${select(s.t('负责人', 'Assignee'), 'assignee_id', [['', s.t('选择同事', 'Choose a colleague')], ...colleagues.map((c): [string, string] => [c.id, c.label])], i.assignee_id ?? undefined, ' required')}<button>${s.t('指派', 'Assign')}</button>`,
        { done: s.t('已指派', 'Assigned'), cls: 'card', label: s.t('指派', 'Assign') },
      )}${toolForm(
        'tracker',
        'set_labels',
        `${hidden}${field(s.t('标签（逗号分隔）', 'Labels (comma-separated)'), 'labels', { data: 'words', value: (i.labels as string[]).join(', ') })}
${select(s.t('模块', 'Component'), 'component', [['', s.t('不变', 'Keep')], ...components.map((c): [string, string] => [c.id, s.name(c)])])}${select(
  s.t('优先级', 'Priority'),
  'priority',
  [
    ['', s.t('不变', 'Keep')],
    ['p0', 'p0'],
    ['p1', 'p1'],
    ['p2', 'p2'],
    ['p3', 'p3'],
  ],
)}<button>${s.t('保存标签', 'Save labels')}</button>`,
        { done: s.t('已保存', 'Saved'), cls: 'card', label: s.t('标签', 'Labels') },
      )}${toolForm(
        'tracker',
        'close_issue',
        `${hidden}${field(s.t('关闭原因', 'Reason for closing'), 'reason', { rows: 2, required: true })}<button class="secondary">${s.t('关闭问题', 'Close issue')}</button>`,
        { done: s.t('已关闭', 'Closed'), cls: 'card', label: s.t('关闭', 'Close') },
      )}`
    : '';
  return page(
    s,
    `#${i.number} ${i.title}`,
    `<section class="card"><div class="muted">${esc(i.status)} · ${esc(i.priority)} · ${esc(i.component ?? '—')} · ${s.t('标签', 'labels')}: ${(i.labels as string[]).map(esc).join(', ') || '—'}</div>
<div class="muted">${s.t('负责人', 'Assignee')}: ${esc(who(i.assignee_id))} · ${s.t('报告人', 'Reported by')} ${esc(who(i.author_id))} · ${esc(when(i.created_at))}</div><p style="white-space:pre-wrap">${esc(i.body)}</p></section>
<h2>${s.t('评论', 'Comments')}</h2><ul class="list">${comments.map((c) => `<li class="card"><div class="muted">${esc(who(c.author_id))} · ${esc(when(c.at))}</div>${esc(c.text)}</li>`).join('')}</ul>
${commentForm(s, i.id)}${forms}`,
    '/tracker',
  );
}

function commentForm(s: ScreenContext, target: string): string {
  return toolForm(
    'tracker',
    'comment',
    `<input type="hidden" name="target_id" value="${esc(target)}">${field(s.t('写评论', 'Write a comment'), 'text', { rows: 2, required: true })}<button>${s.t('发表评论', 'Comment')}</button>`,
    { done: s.t('已评论', 'Commented'), cls: 'card', label: s.t('评论', 'Comment') },
  );
}

function prs(s: ScreenContext): string {
  const status = (['open', 'merged', 'closed', 'all'] as const).find((x) => x === s.q('status')) ?? 'open';
  const list = s.read<{ prs: Row[] }>('tracker', 'list_prs', { status }).prs;
  const who = whoIs(s);
  return page(
    s,
    s.t('合并请求', 'Pull requests'),
    `<form method="get" class="card" aria-label="${esc(s.t('筛选合并请求', 'Filter pull requests'))}">${select(
      s.t('状态', 'Status'),
      'status',
      [
        ['open', s.t('未合并', 'Open')],
        ['merged', s.t('已合并', 'Merged')],
        ['closed', s.t('已关闭', 'Closed')],
        ['all', s.t('全部', 'All')],
      ],
      status,
    )}<button>${s.t('筛选', 'Filter')}</button></form>
<ul class="list">${
      list
        .map(
          (p) =>
            `<li class="card"><a href="${esc(s.href(`/tracker/prs/${p.id}`))}">#${esc(p.number)} ${esc(p.title)}</a><div class="muted">${esc(who(p.author_id))} · ${esc(pick(s, CI[p.ci_status], p.ci_status))} · ${esc(pick(s, REVIEW[p.review_state], p.review_state))}</div></li>`,
        )
        .join('') || `<li class="muted">${s.t('没有合并请求', 'No pull requests')}</li>`
    }</ul>`,
  );
}

function pr(s: ScreenContext): string {
  const p = s.read<{ pr: Row }>('tracker', 'get_pr', { pr_id: s.p('id') }).pr;
  const who = whoIs(s);
  const hidden = `<input type="hidden" name="pr_id" value="${esc(p.id)}">`;
  const forms =
    p.status === 'open'
      ? `${toolForm(
          'tracker',
          'request_review',
          `${hidden}${peopleChecks(s, 'reviewer_ids', [], { asList: true, legend: s.t('请谁评审', 'Who should review'), contacts: false, colleagues: true })}<button>${s.t('请求评审', 'Request review')}</button>`,
          { done: s.t('已请求评审', 'Review requested'), cls: 'card' },
        )}${toolForm(
          'tracker',
          'merge_pr',
          `${hidden}<button>${s.t('合并', 'Merge')} #${esc(p.number)}</button>`,
          {
            confirm: s.t(`合并 #${p.number}？合并后不能撤回。`, `Merge #${p.number}? It cannot be undone.`),
            done: s.t('已合并', 'Merged'),
          },
        )}`
      : '';
  return page(
    s,
    `#${p.number} ${p.title}`,
    `<section class="card"><div>${esc(pick(s, CI[p.ci_status], p.ci_status))} · ${esc(pick(s, REVIEW[p.review_state], p.review_state))} · ${esc(p.status)}</div>
<div class="muted">${s.t('作者', 'Author')} ${esc(who(p.author_id))} · ${esc(p.component ?? '—')}${p.fixes_issue_id ? ` · ${s.t('修复', 'fixes')} <a href="${esc(s.href(`/tracker/issues/${p.fixes_issue_id}`))}">${esc(p.fixes_issue_id)}</a>` : ''}</div>
<p style="white-space:pre-wrap">${esc(p.body)}</p><h2>${s.t('评审', 'Reviews')}</h2><ul>${(p.reviews as Row[]).map((r) => `<li>${esc(who(r.reviewer_id))} · ${esc(pick(s, REVIEW[r.state], r.state))}</li>`).join('') || `<li class="muted">${s.t('还没有', 'None yet')}</li>`}</ul></section>
${forms}${commentForm(s, p.id)}`,
    '/tracker/prs',
  );
}

function releases(s: ScreenContext): string {
  const list = s.read<{ releases: Row[] }>('tracker', 'list_releases').releases;
  const merged = s.read<{ prs: Row[] }>('tracker', 'list_prs', { status: 'merged' }).prs;
  return page(
    s,
    s.t('发布', 'Releases'),
    `<ul class="list">${list.map((r) => `<li class="card"><h2>${esc(r.version)}</h2><div class="muted">${esc(when(r.created_at))} · ${(r.pr_ids as string[]).map(esc).join(', ')}</div><p style="white-space:pre-wrap">${esc(r.notes)}</p></li>`).join('') || `<li class="muted">${s.t('还没有发布', 'No releases yet')}</li>`}</ul>
<h2>${s.t('新发布', 'New release')}</h2>${toolForm(
      'tracker',
      'create_release',
      `${field(s.t('版本号', 'Version'), 'version', { required: true, placeholder: '2.4.0' })}${field(s.t('发布说明', 'Release notes'), 'notes', { rows: 4, required: true })}
<fieldset><legend>${s.t('包含的合并请求', 'Pull requests in it')}</legend>${merged.map((p) => `<label class="check"><input type="checkbox" name="pr_ids" data-type="list" value="${esc(p.id)}">#${esc(p.number)} ${esc(p.title)}</label>`).join('')}</fieldset><button>${s.t('发布', 'Publish release')}</button>`,
      {
        confirm: s.t('发布 {version}？', 'Publish {version}?'),
        done: s.t('已发布', 'Published'),
        cls: 'card',
      },
    )}`,
  );
}

/** The tracker's screens: issues with triage, pull requests with CI and review state, releases. */
export const trackerScreens: ScreenRoute[] = [
  ['/ui/tracker', issues],
  ['/ui/tracker/issues/:id', issue],
  ['/ui/tracker/prs', prs],
  ['/ui/tracker/prs/:id', pr],
  ['/ui/tracker/releases', releases],
];
