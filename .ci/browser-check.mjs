// The browser half of .ci/browser-check: opens one page in headless Chromium through playwright-core, takes a
// screenshot, and exits 1 if the page logged a console error or a page error, requested anything but itself, or
// rendered blank (no body text, or a screenshot of a single colour).
//   node .ci/browser-check.mjs PLAYWRIGHT_DIR CHROMIUM PAGE.html SCREENSHOT.png PROFILE_DIR
import { createRequire } from 'node:module';
import { mkdtempSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [playwrightDir, chromium, pagePath, screenshotPath, profileParent] = process.argv.slice(2);
const { chromium: browserType } = createRequire(join(resolve(playwrightDir), 'resolve-from-here.js'))('playwright-core');

// Nothing but the page itself: no background traffic, no updates, no sync, and a fresh profile every run.
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];
const profile = mkdtempSync(profileParent);
const pageUrl = pathToFileURL(resolve(pagePath)).href;

const problems = [];
const context = await browserType.launchPersistentContext(profile, {
  executablePath: chromium,
  headless: true,
  args: flags,
  viewport: { width: 1200, height: 1000 },
  deviceScaleFactor: 1,
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', message => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('request', request => {
    if (request.url() !== pageUrl) problems.push(`request outside the page: ${request.url()}`);
  });
  page.on('requestfailed', request => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));

  const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: 30_000 });
  if (response && !response.ok()) problems.push(`loading the page: ${response.status()}`);
  // Late console messages (timers, deferred scripts) still count.
  await page.waitForTimeout(500);

  const text = (await page.evaluate(() => document.body ? document.body.innerText : '')).trim();
  if (text.length === 0) problems.push('blank page: the body has no text');

  const png = await page.screenshot({ path: screenshotPath });
  const colours = await distinctColours(context, png);
  if (colours < 2) problems.push('blank page: the screenshot is a single colour');

  console.log(`browser-check: ${pagePath}: ${text.length} characters of text, ${colours} colours in the screenshot `
    + `(${screenshotPath}, ${statSync(screenshotPath).size} bytes)`);
} finally {
  await context.close();
}

if (problems.length > 0) {
  for (const problem of problems) console.log(`browser-check: FAILED: ${problem}`);
  process.exit(1);
}
console.log('browser-check: OK');

/** Distinct colours over every pixel of the screenshot, decoded by the browser itself in a blank page. */
async function distinctColours(browserContext, png) {
  const decoder = await browserContext.newPage();
  try {
    return await decoder.evaluate(async base64 => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    }, png.toString('base64'));
  } finally {
    await decoder.close();
  }
}
