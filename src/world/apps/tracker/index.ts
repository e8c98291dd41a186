import { defineApp } from '../../app.js';
import { seedTracker, TRACKER_SCHEMA } from './seed.js';
import { trackerTools } from './tools.js';

/** The company's tracker: issues, pull requests with CI status and reviews, releases. */
export const trackerApp = defineApp({
  name: 'tracker',
  title: { zh: '项目跟踪', en: 'Tracker' },
  schema: TRACKER_SCHEMA,
  seed: seedTracker,
  tools: trackerTools,
  untrusted: [
    { table: 'tracker_issues', column: 'body', label: 'issue description' },
    { table: 'tracker_prs', column: 'body', label: 'pull request description' },
    { table: 'tracker_comments', column: 'text', label: 'comment' },
  ],
  examples: {
    get_issue: [{ issue_id: 'iss_101' }],
    get_pr: [{ pr_id: 'pr_201' }],
    assign_issue: [{ issue_id: 'iss_101', assignee_id: 'p_luolin' }],
    set_labels: [{ issue_id: 'iss_104', labels: ['bug'], component: 'infra' }],
    close_issue: [{ issue_id: 'iss_107', reason: 'Fixed by #209.' }],
    comment: [{ target_id: 'iss_101', text: 'Looking at it.' }],
    request_review: [{ pr_id: 'pr_201', reviewer_ids: ['p_emily'] }],
    merge_pr: [{ pr_id: 'pr_205' }],
    create_release: [
      {
        version: '2.4.0',
        notes: 'Dark mode fixed; supplier number in PO export.',
        pr_ids: ['pr_208', 'pr_209'],
      },
    ],
  },
});
