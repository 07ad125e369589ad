import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HeadlessBrowser, launchChromium } from '../../../test-support/browser/launch-chromium.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// The trace viewer at /ui in a real headless Chromium (docs/observability.md#trace-viewer): traffic made
// through the gateway with the official SDK shows up in the list (live), and opening it draws the loop:
// each call paired with its result, a previous_response_id chain's turns in order, repaired calls marked.
// With TOOLBRIDGE_SCREENSHOTS=1 it also refreshes the README's screenshots in docs/images/.

const images = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/images');
const screenshots = process.env['TOOLBRIDGE_SCREENSHOTS'] === '1';

/** Turn 1 asks for two cities (two parallel calls); turn 2 sends both results and gets the answer. */
async function responsesLoop(
  client: OpenAI,
): Promise<{ first: OpenAI.Responses.Response; last: OpenAI.Responses.Response }> {
  const tools = [responsesWeatherTool()];
  const first = await client.responses.create({
    model: 'gpt-5.4',
    input: 'Weather in Paris and Tokyo?',
    tools,
  });
  const calls = first.output.filter((item) => item.type === 'function_call');
  const last = await client.responses.create({
    model: 'gpt-5.4',
    previous_response_id: first.id,
    tools,
    input: calls.map((call) => ({
      type: 'function_call_output' as const,
      call_id: call.call_id,
      output: JSON.stringify({ city: JSON.parse(call.arguments).city, temp: '21°C' }),
    })),
  });
  return { first, last };
}

/** A stored Chat loop whose first call is broken once (the gateway repairs it), then answered. */
async function chatLoop(
  client: OpenAI,
): Promise<{ asked: OpenAI.ChatCompletion; answered: OpenAI.ChatCompletion }> {
  const tools = [chatWeatherTool(true)];
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Weather in Paris? #invalid-once' },
  ];
  const asked = await client.chat.completions.create({ model: 'gpt-5.4', messages, tools, store: true });
  const message = asked.choices[0]?.message;
  const call = message?.tool_calls?.[0];
  if (message === undefined || call?.type !== 'function') throw new Error('expected a call');
  messages.push(message, {
    role: 'tool',
    tool_call_id: call.id,
    content: '{"temp":"26°C","condition":"sunny"}',
  });
  const answered = await client.chat.completions.create({
    model: 'gpt-5.4',
    messages,
    tools,
    store: true,
    metadata: { app: 'viewer-test' },
  });
  return { asked, answered };
}

describe('the trace viewer at /ui', () => {
  let harness: TestGateway;
  let browser: HeadlessBrowser;
  let page: Page;

  beforeAll(async () => {
    harness = await startTestGateway({ upstreamApi: 'chat' });
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('lists traffic made with the SDK, live, and opens a chain with each call paired with its result', async () => {
    const { first, last } = await responsesLoop(harness.client);
    const chat = (await chatLoop(harness.client)).answered;
    await page.goto(`${harness.gateway.url}/ui`);
    const rows = page.getByTestId('traffic-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    for (const id of [first.id, last.id, chat.id]) {
      expect(await page.locator(`[data-testid="traffic-row"][data-id="${id}"]`).count()).toBe(1);
    }
    const lastRow = page.locator(`[data-testid="traffic-row"][data-id="${last.id}"]`);
    expect(await lastRow.textContent()).toContain('gpt-5.4');
    expect(await lastRow.textContent()).toContain('scripted');

    // New traffic appears without a reload.
    const later = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hello' });
    await expect
      .poll(() => page.locator(`[data-testid="traffic-row"][data-id="${later.id}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    if (screenshots) {
      await mkdir(images, { recursive: true });
      await page.screenshot({ path: join(images, 'trace-list.png') });
    }

    await lastRow.click();
    const turns = page.getByTestId('turn');
    await expect.poll(() => turns.count(), { timeout: 10_000 }).toBe(2);
    expect(await turns.nth(0).getAttribute('data-response-id')).toBe(first.id);
    expect(await turns.nth(1).getAttribute('data-response-id')).toBe(last.id);
    expect(await page.getByTestId('user-message').first().textContent()).toContain(
      'Weather in Paris and Tokyo?',
    );
    const calls = page.getByTestId('call');
    expect(await calls.count()).toBe(2);
    for (let index = 0; index < 2; index++) {
      const call = calls.nth(index);
      const callId = await call.getAttribute('data-call-id');
      expect(callId).toMatch(/^call_/);
      const result = call.getByTestId('result');
      expect(await result.count()).toBe(1);
      expect(await result.getAttribute('data-call-id')).toBe(callId);
    }
    expect(await calls.nth(0).getByTestId('call-name').textContent()).toBe('get_weather');
    expect(await calls.nth(0).getByTestId('call-args').textContent()).toContain('"city": "Paris"');
    expect(await page.getByTestId('orphan-result').count()).toBe(0);
    expect(await turns.nth(1).getByTestId('answer').textContent()).toContain('21°C');
    if (screenshots) await page.screenshot({ path: join(images, 'trace-conversation.png'), fullPage: true });
  });

  it('shows stored chat completions: the repaired call with its original arguments, then the call with its result', async () => {
    const { asked, answered } = await chatLoop(harness.client);
    await page.goto(`${harness.gateway.url}/ui#/chat/${asked.id}`);
    const call = page.getByTestId('call');
    await expect.poll(() => call.count(), { timeout: 10_000 }).toBe(1);
    expect(await call.getByTestId('repaired').count()).toBe(1);
    expect(await call.getByTestId('original-args').textContent()).toContain('{"city":"Paris"');
    expect(await page.getByTestId('adjustments').textContent()).toContain("repaired a call to 'get_weather'");
    if (screenshots) {
      await page.locator('details.repaired').evaluate((element) => element.setAttribute('open', ''));
      await page.screenshot({ path: join(images, 'trace-repair.png') });
    }

    await page.goto(`${harness.gateway.url}/ui#/chat/${answered.id}`);
    await expect
      .poll(() => page.locator(`[data-testid="turn"][data-completion-id="${answered.id}"]`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await call.count()).toBe(1);
    expect(await call.getByTestId('result').textContent()).toContain('26°C');
    expect(await page.getByTestId('answer').textContent()).toContain('26°C');
    expect(await page.textContent('main')).toContain('app=viewer-test');
  });
});
