import { describe, expect, it } from 'vitest';
import { checkResponsesInputPairing } from './check-responses-input-pairing.js';
import { issueToErrorBody } from './issue-to-error-body.js';

function call(callId: string, id = `fc_${callId}`) {
  return {
    type: 'function_call',
    id,
    call_id: callId,
    name: 'get_weather',
    arguments: '{}',
    status: 'completed',
  };
}

function output(callId: string) {
  return { type: 'function_call_output', call_id: callId, output: '18C' };
}

const userItem = {
  type: 'message',
  id: 'msg_u1',
  role: 'user',
  content: [{ type: 'input_text', text: 'hi' }],
};

function envelopes(prior: unknown[], input: unknown[]) {
  return checkResponsesInputPairing({ prior, input }).map((issue) => issueToErrorBody(issue).error);
}

describe('checkResponsesInputPairing', () => {
  it('case 48 / guide turn 2: outputs for every call of the chain pass', () => {
    expect(envelopes([userItem, call('call_A')], [output('call_A')])).toEqual([]);
  });

  it('case 49 / E13: previous response ended with a call, no output sent', () => {
    expect(envelopes([userItem, call('call_A')], [{ role: 'user', content: 'and?' }])).toEqual([
      {
        message: 'No tool output found for function call call_A.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    ]);
  });

  it('case 50 / E13: two calls, one output: one issue naming the other call', () => {
    expect(envelopes([userItem, call('call_A'), call('call_B')], [output('call_A')])).toEqual([
      {
        message: 'No tool output found for function call call_B.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    ]);
  });

  it('E13 lists every unanswered call, one issue each', () => {
    const messages = envelopes([call('call_A'), call('call_B')], []).map((envelope) => envelope.message);
    expect(messages).toEqual([
      'No tool output found for function call call_A.',
      'No tool output found for function call call_B.',
    ]);
  });

  it('case 51 / E14: every orphan output, one issue each', () => {
    expect(envelopes([], [output('call_X'), output('call_Y')])).toEqual([
      {
        message: 'No tool call found for function call output with call_id call_X.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
      {
        message: 'No tool call found for function call output with call_id call_Y.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    ]);
  });

  it('an output placed before its call is an orphan, and the call stays unanswered', () => {
    const codes = checkResponsesInputPairing({ prior: [], input: [output('call_A'), call('call_A')] }).map(
      (issue) => issue.code,
    );
    expect(codes).toEqual(['orphan_tool_output', 'missing_tool_output']);
  });

  it('case 53 / E15: resending an fc_ item already in the chain', () => {
    expect(envelopes([userItem, call('call_A')], [call('call_A'), output('call_A')])).toEqual([
      {
        message:
          'Duplicate item found with id fc_call_A. Remove duplicate items from your input and try again.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    ]);
  });

  it('E15 reports each repeated id once, before pairing issues', () => {
    const input = [userItem, userItem, userItem, output('call_Z')];
    expect(checkResponsesInputPairing({ prior: [], input }).map((issue) => issue.code)).toEqual([
      'duplicate_item',
      'orphan_tool_output',
    ]);
  });

  it('an item_reference not in the chain may stand for a call: E14 is not claimed', () => {
    expect(envelopes([], [{ type: 'item_reference', id: 'fc_stored' }, output('call_A')])).toEqual([]);
    expect(
      envelopes([call('call_A', 'fc_1')], [{ type: 'item_reference', id: 'fc_1' }, output('call_A')]),
    ).toEqual([
      {
        message: 'Duplicate item found with id fc_1. Remove duplicate items from your input and try again.',
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    ]);
  });

  it('ignores non-object and non-function items', () => {
    expect(envelopes(['text', null, 3], [{ type: 'reasoning', id: 'rs_1', summary: [] }])).toEqual([]);
  });
});
