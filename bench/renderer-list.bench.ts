// The conversation list in Debian's Chromium, driving the real app: the built headless server over
// a copy of the seeded 50 k-chat database, the page opened from its URL. Measured in the page: time
// from navigation to the first [data-testid="chat-row"] on screen and painted, then
// requestAnimationFrame deltas while [data-testid="chat-list"] is scrolled for a few seconds at a
// steady speed and then pulled to its end every frame (which makes the app load page after page).
// Baseline in the same run: a static page with 50 000 plain <div> rows (not virtualised).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, repoRoot, startServer, stopServer, type RunningServer } from '../electron/headless/e2e/harness';
import { cachedInboxDatabase, copyIntoDataDir } from './inbox-fixture';
import { loadAverage } from './latency';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCROLL_MS = Number(process.env.BENCH_SCROLL_MS ?? 3000);
/** Two 72 px rows a frame: about 8 600 px/s at 60 Hz, a brisk flick. */
const PX_PER_FRAME = Number(process.env.BENCH_PX_PER_FRAME ?? 144);
const DROPPED_MS = 32;

if (!existsSync(join(repoRoot, 'dist/headless/main.mjs'))) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });

// Page-side code goes in as source text: tsx would wrap named functions in a `__name` helper
// that the page does not have.
// Runs in every document before its own scripts: notes when the first row is on screen, and the
// first callback after the frame that shows it (rAF, then a task once that frame is out).
const firstRowProbe = `(() => {
  const state = { rowAt: -1, paintedAt: -1 };
  window.__firstRow = state;
  const observer = new MutationObserver(() => {
    if (state.rowAt >= 0) return;
    const row = document.querySelector('[data-testid="chat-row"]');
    if (!row) return;
    const box = row.getBoundingClientRect();
    if (box.height <= 0 || box.bottom <= 0 || box.top >= innerHeight) return;
    state.rowAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { state.paintedAt = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface ScrollResult {
  deltas: number[];
  scrolledPx: number;
  rowsInDom: number;
  listHeightPx: number;
}

/** Scrolls the list every frame by `px`, or pulls it to the bottom each frame when `toEnd`. */
const scrollFor = (ms: number, px: number, toEnd: boolean) => `new Promise((resolve) => {
  const list = document.querySelector('[data-testid="chat-list"]');
  const deltas = [];
  const from = list.scrollTop;
  let start = -1;
  let last = -1;
  const frame = (t) => {
    if (start < 0) start = t;
    else deltas.push(t - last);
    last = t;
    if (${toEnd}) list.scrollTop = list.scrollHeight;
    else list.scrollTop += ${px};
    if (t - start < ${ms}) requestAnimationFrame(frame);
    else resolve({ deltas, scrolledPx: list.scrollTop - from, rowsInDom: document.querySelectorAll('[data-testid="chat-row"]').length, listHeightPx: list.scrollHeight });
  };
  requestAnimationFrame(frame);
})`;

function frameStats(deltas: number[]) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN).toFixed(1));
  return { frames: deltas.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)), droppedOver32Ms: deltas.filter((d) => d > DROPPED_MS).length };
}

async function measure(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.addInitScript({ content: firstRowProbe });
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not source text: the app's CSP forbids the eval a string predicate needs.
  await page.waitForFunction(() => (globalThis as unknown as { __firstRow: { paintedAt: number } }).__firstRow.paintedAt >= 0, undefined, { timeout: 60_000 });
  const first = (await page.evaluate('window.__firstRow')) as { rowAt: number; paintedAt: number };
  // The static page keeps parsing its rows after the first ones show: scroll only once all are in.
  await page.waitForFunction(() => (globalThis as unknown as { document: { readyState: string } }).document.readyState === 'complete', undefined, { timeout: 60_000 });
  // Where the time to the first row goes: the document, its first paint (the shell), then the app.
  const milestones = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { responseEndMs: nav.responseEnd, domContentLoadedMs: nav.domContentLoadedEventEnd, loadMs: nav.loadEventEnd, firstContentfulPaintMs: fcp ? fcp.startTime : -1 };
  })()`)) as { responseEndMs: number; domContentLoadedMs: number; loadMs: number; firstContentfulPaintMs: number };
  // Let the page settle (fonts, the accounts' status) before scrolling.
  await page.waitForTimeout(500);
  const steady = (await page.evaluate(scrollFor(SCROLL_MS, PX_PER_FRAME, false))) as ScrollResult;
  const toEnd = (await page.evaluate(scrollFor(SCROLL_MS, 0, true))) as ScrollResult;
  await page.close();
  return { firstRowMs: first.rowAt, firstRowPaintedMs: first.paintedAt, milestones, steady, toEnd };
}

function staticPage(dir: string, chats: { name: string | null; jid: string }[]): string {
  const rows = chats
    .map(
      (c, i) =>
        `<div class="row" data-testid="chat-row"><span class="avatar">${(c.name ?? '#').slice(0, 1)}</span><span class="body"><b>${c.name ?? `+${c.jid.split('@')[0]}`}</b><i>${i % 60} min</i><br><small>Último mensaje de la conversación ${i}</small></span></div>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="es"><meta charset="utf-8"><title>50 000 filas</title>
<style>body{margin:0;font:14px system-ui,sans-serif}#list{height:100vh;width:380px;overflow-y:auto}
.row{display:flex;gap:12px;align-items:center;height:72px;padding:0 12px;border-bottom:1px solid #eee;box-sizing:border-box}
.avatar{width:44px;height:44px;border-radius:50%;background:#d9f2e3;display:grid;place-items:center}.body{flex:1;min-width:0}i{float:right;color:#888}</style>
<div id="list" data-testid="chat-list">\n${rows}\n</div></html>`;
  const path = join(dir, 'static-list.html');
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

const fixture = cachedInboxDatabase();
const root = mkdtempSync(join(tmpdir(), 'mostrador-bench-renderer-'));
// Gigabytes of copies: removed however the run ends.
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
copyIntoDataDir(fixture, dataDir);
const staticUrl = staticPage(root, fixture.plan.chats);

let server: RunningServer | undefined;
let context: BrowserContext | undefined;
const app: Awaited<ReturnType<typeof measure>>[] = [];
const baseline: Awaited<ReturnType<typeof measure>>[] = [];
try {
  // The ten seeded numbers get scripted sockets: they sit at the QR step and reach no network.
  server = await startServer(dataDir, { env: { MOSTRADOR_SCRIPTED_WHATSAPP: '1' } });
  ({ context } = await launchChromium(join(root, 'profile')));
  // One unmeasured load of each warms the browser, the server and the OS file cache alike.
  await measure(context, server.url);
  await measure(context, staticUrl);
  for (let round = 0; round < ROUNDS; round++) {
    app.push(await measure(context, server.url));
    baseline.push(await measure(context, staticUrl));
  }
} finally {
  await context?.close();
  await stopServer(server);
}

const median = (values: number[]) => Number([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(1));
const summary = (runs: Awaited<ReturnType<typeof measure>>[]) => ({
  firstRowPaintedMs: median(runs.map((r) => r.firstRowPaintedMs)),
  firstRowPaintedMsEach: runs.map((r) => Math.round(r.firstRowPaintedMs)),
  firstRowInDomMs: median(runs.map((r) => r.firstRowMs)),
  documentMs: median(runs.map((r) => r.milestones.responseEndMs)),
  domContentLoadedMs: median(runs.map((r) => r.milestones.domContentLoadedMs)),
  firstContentfulPaintMs: median(runs.map((r) => r.milestones.firstContentfulPaintMs)),
  loadEventMs: median(runs.map((r) => r.milestones.loadMs)),
  steadyScroll: { pxPerFrame: PX_PER_FRAME, ...frameStats(runs.flatMap((r) => r.steady.deltas)), scrolledPx: median(runs.map((r) => r.steady.scrolledPx)) },
  scrollToEndEveryFrame: {
    ...frameStats(runs.flatMap((r) => r.toEnd.deltas)),
    listHeightRows: median(runs.map((r) => r.toEnd.listHeightPx / 72)),
    rowsInDom: median(runs.map((r) => r.toEnd.rowsInDom)),
  },
});

console.log(
  JSON.stringify({
    bench: 'renderer-list',
    chats: fixture.plan.chats.length,
    messages: fixture.plan.options.messages,
    rounds: ROUNDS,
    scrollMsEach: SCROLL_MS,
    browser: 'chromium --headless --disable-gpu, 1280×720',
    app: summary(app),
    baseline: { name: 'static page, 50 000 plain <div> rows, not virtualised', ...summary(baseline) },
    fixtureBuildSeconds: fixture.buildSeconds,
    loadAverage: loadAverage(),
  }),
);
