import { describe } from 'vitest';
import { type Persona, itIsUnsure, itMatches } from '../../../test/support/matcher.js';
import type { MatchedStep } from './types.js';

// Real worlds at the start: Monday 2026-11-30 11:00 UTC+8.

const answer = (event_id: string, response: 'accept' | 'decline'): MatchedStep => ({
  recipe: 'answer_invitation',
  params: { event_id, response },
});
const message = (to: string, text: string): MatchedStep => ({ recipe: 'send_message', params: { to, text } });

const MATCHED: [Persona, string, MatchedStep[]][] = [
  ['li', '王芳发的明天下午需求评审的邀请，帮我接受一下。', [answer('evt_review_1201', 'accept')]],
  ['li', '张伟周六晚上的同学聚会我去不了了，帮我把邀请拒掉。', [answer('evt_reunion_1205', 'decline')]],
  ['li', '帮我拒绝大学同学聚会', [answer('evt_reunion_1205', 'decline')]],
  ['li', '接受需求评审的邀请', [answer('evt_review_1201', 'accept')]],
  [
    'sam',
    "Accept Emily's design review on Thursday, and decline Kevin's hackathon planning on Friday.",
    [answer('evt_design_review_1203', 'accept'), answer('evt_hackathon_1204', 'decline')],
  ],
  [
    'sam',
    "Decline Kevin's hackathon planning on Friday, and message him that I'll email my idea.",
    [answer('evt_hackathon_1204', 'decline'), message('p_kevin', "I'll email my idea")],
  ],
  ['sam', 'accept the requirements review', [answer('evt_review_1201', 'accept')]],
  ['sam', 'decline the hackathon planning', [answer('evt_hackathon_1204', 'decline')]],
  [
    'li',
    '回复妈妈：周六中午回家吃饭，让爸别做太多。',
    [message('p_liuxiuying', '周六中午回家吃饭，让爸别做太多')],
  ],
  ['li', '回复一下王芳，说我马上到', [message('p_wangfang', '我马上到')]],
  [
    'sam',
    'Reply to Priya: the Q4 slides will be in her inbox by Tuesday morning.',
    [message('p_priya', 'the Q4 slides will be in her inbox by Tuesday morning')],
  ],
  ['sam', 'Reply to Tom saying sounds good', [message('p_tom', 'sounds good')]],
];

const UNSURE: [Persona, string, RegExp][] = [
  ['li', '帮我接受邀请', /是哪个邀请/],
  ['li', '接受站会的邀请', /是哪个邀请/],
  ['li', '拒绝韩雪的需求评审', /没有对得上的邀请/],
  ['sam', 'accept the review', /Which invitation/],
  ['sam', 'decline the stand-up', /Which invitation/],
  ['sam', "accept Kevin's design review", /No invitation/],
  ['li', '回复他：好的', /发给谁/],
  ['sam', 'reply to the email', /Who should get the message/],
];

describe('matchRequest: answering invitations and replying', () => {
  itMatches(MATCHED);

  itIsUnsure(UNSURE);
});
