// Runs the official `openai` npm client, on its DEFAULT options, through a list of simulator cases and prints, per
// case, what the SDK did: the error it threw (class name, status, code, message) or the answer (text, refusal,
// finish reason, streamed deltas), the retry waits it asked for, and whether the watchdog had to stop it.
//
// Input (stdin): the first line is JSON, { "prompt": "...", "cases": [ { "id", "baseUrl", "apiKey", "model", "stream", "watchdogMs" } ] };
// every later line "stop <id>" fires that case's watchdog at once (the harness saw the case's stall begin and knows the
// SDK, whose own timeout is 10 min, can only wait on it). The script exits once every case has ended.
// Output (stdout, JSON): { "sdk": "openai@<version>", "node": "<version>", "cases": [ { "id", ... } ] }
//
// The waits are real (the SDK has no option to make them virtual without replacing its retry code): its backoff is
// 0.375-1 s per retry and it honours Retry-After only up to 60 s, so every case ends within a few seconds and the
// cases run concurrently. The script only observes the SDK's sleep (to note the delay it asked for); it changes
// nothing the SDK decides. The API key is never printed: any text holding it is redacted and flagged instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { VERSION as sdkVersion } from 'openai/version';

const currentCase = new AsyncLocalStorage();

// The SDK's retry wait is `sleep(ms)` in internal/utils/sleep, a setTimeout; note each one a case's SDK asks for.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = function (handler, ms, ...rest) {
  const record = currentCase.getStore();
  if (record && /[\\/]openai[\\/]internal[\\/]utils[\\/]sleep\.m?js/.test(new Error().stack ?? '')) record.delaysMs.push(ms);
  return realSetTimeout.call(this, handler, ms, ...rest);
};

// fetch follows redirects, and a scenario's redirect points off this machine (a 301 to the marketing site). The run
// never leaves the machine: the hop is answered here with what that site serves, a 200 text/html page, so the SDK
// goes on exactly as it would after following the redirect for real.
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const response = await realFetch(url, { ...init, redirect: 'manual' });
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  if (location === null) return response;
  const target = new URL(location, String(url));
  if (['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) return realFetch(url, init);
  await response.body?.cancel();
  return new Response(`<!doctype html><html><body>stand-in for ${target.origin}</body></html>`, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
};

// One watchdog per case; a "stop <id>" line may come before the case has made its controller.
const watchdogs = new Map();
const watchdogOf = (id) => {
  if (!watchdogs.has(id)) watchdogs.set(id, new AbortController());
  return watchdogs.get(id);
};

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const input = await new Promise((resolve, reject) => {
  let first = true;
  lines.on('line', (line) => {
    if (first) {
      first = false;
      try {
        resolve(JSON.parse(line));
      } catch (err) {
        reject(err);
      }
      return;
    }
    const stop = /^stop (.+)$/.exec(line.trim());
    if (stop) watchdogOf(stop[1]).abort();
  });
  lines.on('close', () => first && reject(new Error('no input line on stdin')));
});
const results = await Promise.all(input.cases.map((c) => currentCase.run({ delaysMs: [] }, () => runCase(c, input.prompt))));
// stdin may stay open (the harness can still send stops): exit once the output is written.
process.stdout.write(JSON.stringify({ sdk: `openai@${sdkVersion}`, node: process.version, cases: results }, null, 1) + '\n', () => process.exit(0));

async function runCase(c, prompt) {
  const record = currentCase.getStore();
  const client = new OpenAI({ apiKey: c.apiKey, baseURL: c.baseUrl }); // defaults: maxRetries 2, 10 min timeout
  const watchdog = watchdogOf(c.id);
  const timer = realSetTimeout(() => watchdog.abort(), c.watchdogMs);
  const started = performance.now();
  const deltas = [];
  let answer = null;
  let error = null;
  try {
    const body = { model: c.model, messages: [{ role: 'user', content: prompt }] };
    if (c.stream) {
      const stream = await client.chat.completions.create({ ...body, stream: true }, { signal: watchdog.signal });
      let finishReason = null;
      let refusal = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        const choice = chunk.choices?.[0];
        if (choice?.delta?.content) deltas.push(choice.delta.content);
        if (choice?.delta?.refusal) refusal += choice.delta.refusal;
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
      answer = { text: deltas.join(''), refusal: refusal || null, finishReason, chunks };
    } else {
      const completion = await client.chat.completions.create(body, { signal: watchdog.signal });
      // The SDK resolves with whatever the body parsed to: say so when that is not a chat completion.
      const notACompletion = Array.isArray(completion?.choices) ? null : completion === null ? 'null' : typeof completion;
      const choice = notACompletion ? undefined : completion.choices[0];
      answer = { text: choice?.message?.content ?? null, refusal: choice?.message?.refusal ?? null, finishReason: choice?.finish_reason ?? null, notACompletion };
    }
  } catch (err) {
    error = err;
  } finally {
    clearTimeout(timer);
  }

  const elapsedMs = Math.round(performance.now() - started);
  const redact = (text) => (text == null ? text : String(text).split(c.apiKey).join('[key]'));
  const result = {
    id: c.id,
    elapsedMs,
    watchdogFired: watchdog.signal.aborted,
    delaysMs: record.delaysMs.map((ms) => Math.round(ms)),
    deltas: deltas.map(redact),
    answer: answer && { ...answer, text: redact(answer.text), refusal: redact(answer.refusal) },
    error: null,
    keyInError: false,
  };
  if (error) {
    result.keyInError = errorText(error).includes(c.apiKey);
    result.error = {
      name: error?.constructor?.name ?? typeof error,
      status: typeof error?.status === 'number' ? error.status : null,
      code: error?.code ?? null,
      type: error?.type ?? null,
      message: redact(error?.message ?? String(error)),
      cause: redact(error?.cause ? `${error.cause.constructor?.name}: ${error.cause.message ?? error.cause}` : null),
    };
  }
  return result;
}

// Everything a caller could log about an error: message, stack, own fields (headers, error body) and the cause chain.
function errorText(error, depth = 0) {
  if (error == null || depth > 5) return '';
  let text = `${error}\n${error.stack ?? ''}`;
  try {
    text += JSON.stringify(error, Object.getOwnPropertyNames(error));
  } catch {
    // circular or exotic fields: the message and stack above still count
  }
  if (error.headers) {
    try {
      text += JSON.stringify([...(error.headers.entries?.() ?? Object.entries(error.headers))]);
    } catch {
      // not iterable: ignored
    }
  }
  return text + errorText(error.cause, depth + 1);
}
