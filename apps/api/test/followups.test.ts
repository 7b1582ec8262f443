import type { InterviewState } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionReply, errorReply, ScriptedLlm } from '../../worker/test/support/scripted-llm';
import { createOrg, type Org } from './support/client';
import { bootApi, type TestApi } from './support/harness';
import { builtInTemplateId, current, startPractice } from './support/interviews';

const THIN = 'I would check the logs and restart it.';
const isFollowupRequest = (body: { messages?: { content: string }[] }) =>
  body.messages?.[0]?.content.includes('follow-up question') ?? false;

describe('follow-up questions phrased by the configured model', () => {
  let api: TestApi;
  let org: Org;
  let llm: ScriptedLlm;
  let warmUp: string;
  beforeAll(async () => {
    // Grading calls are refused outright so only the follow-up calls matter here.
    llm = await new ScriptedLlm(() => errorReply(400, 'not in this test')).start();
    api = await bootApi('embedded', { LLM_BASE_URL: llm.baseURL, LLM_API_KEY: 'test', LLM_MODEL: 'scripted-model' });
    org = await createOrg(api.server);
    warmUp = await builtInTemplateId(api, 'warm-up');
  });
  afterAll(async () => {
    await api?.close();
    await llm?.close();
  });

  const submitThin = async () => {
    const state = await startPractice(org.candidate, warmUp);
    const item = current(state);
    const next = await org.candidate.ok<{ state: InterviewState }>(
      org.candidate.post(`/api/interviews/${state.id}/items/${item.id}/submit`, { text: THIN }),
    );
    return current(next.state);
  };

  it('uses the model’s wording, with the answer fenced as data and the missed point named', async () => {
    llm.otherwise((req) =>
      isFollowupRequest(req.body)
        ? completionReply('How would requests and limits change what the scheduler does here?')
        : errorReply(400, 'grading not scripted'),
    );
    const followup = await submitThin();
    expect(followup.kind).toBe('followup');
    expect(followup.followupPrompt).toBe('How would requests and limits change what the scheduler does here?');
    const request = llm.requests.find((r) => isFollowupRequest(r.body))!;
    const user = request.body.messages[1].content as string;
    expect(user).toMatch(/Missing point \(do not reveal it\): .{10,}/);
    const boundary = user.match(/<<([0-9a-f]{24})>>/)?.[1];
    expect(boundary).toBeTruthy();
    expect(user).toContain(`<<${boundary}>>\n${THIN}\n<<${boundary}>>`);
  });

  it('falls back to the rubric’s wording when the model fails or rambles', async () => {
    llm.otherwise((req) =>
      isFollowupRequest(req.body) ? completionReply('Sure! Here are five questions:\n1. What is a pod') : errorReply(400, 'x'),
    );
    expect((await submitThin()).followupPrompt).toMatch(/^Let's go a little deeper on .+\?$/);
    llm.otherwise(() => errorReply(500, 'provider down'));
    expect((await submitThin()).followupPrompt).toMatch(/^Let's go a little deeper on .+\?$/);
  });
});
