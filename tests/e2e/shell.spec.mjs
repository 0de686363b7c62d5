// The app shell against the release build: loading, the sample workspace,
// navigation between the screens, deep links, and a screenshot artifact.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { artifactPath, launchBrowser, openApp, serveDist, watchForErrors } from './support.mjs';

describe('app shell (release build)', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let context;

  before(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('loads with no console error, failed request or uncaught exception', async () => {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.title(), 'Flowlab');
    assert.equal(await page.textContent('[data-testid=product-name]'), 'Flowlab');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the splash until the wasm mounts the app, then removes it', async () => {
    // No service worker: a request it answers would not be held back.
    const own = await browser.newContext({ serviceWorkers: 'block' });
    const page = await own.newPage();
    // Held back, the wasm cannot start: what shows is index.html's own.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(server.url);
    const splash = page.locator('[data-testid=boot-shell]');
    await splash.waitFor({ state: 'visible' });
    assert.match(await splash.textContent(), /Flowlab\s*Opening your workspace…/);
    assert.equal(await page.locator('[data-testid=app-shell]').count(), 0);
    // The splash is the first contentful paint, before any wasm has run.
    await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length === 1,
      null,
      { timeout: 5_000 },
    );
    release();
    await page.waitForSelector('[data-testid=workflow-list]');
    assert.equal(await splash.count(), 0);
    await own.close();
  });

  it('speaks French in the splash when French is remembered', async () => {
    const french = await browser.newContext({ serviceWorkers: 'block' });
    const page = await french.newPage();
    await page.route(/_bg\.wasm$/, (route) => route.abort());
    await page.addInitScript(() => localStorage.setItem('flowlab.lang', 'fr'));
    await page.goto(server.url);
    await page.locator('[data-testid=boot-shell]').waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#boot-note'), 'Ouverture de votre espace de travail…');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await french.close();
  });

  it('lists the built-in sample workspace', async () => {
    const page = await context.newPage();
    await openApp(page, server.url);
    // The list is the running workspace's: it is there once storage is read.
    await page.waitForSelector('[data-testid=workflow-list]');
    const rows = page.locator('[data-testid=workflow-row]');
    assert.equal(await rows.count(), 3);
    const listed = await rows.evaluateAll((els) =>
      els.map((el) => ({
        id: el.dataset.workflowId,
        name: el.querySelector('[data-testid=workflow-name]').textContent,
        trigger: el.querySelector('[data-testid=workflow-trigger]').textContent.trim(),
        steps: el.querySelector('[data-testid=workflow-step-count]').textContent,
        status: el.querySelector('[data-testid=workflow-status]').textContent,
        strip: [...el.querySelectorAll('[data-testid=step-strip-cell]')].map((c) => c.dataset.kind),
      })),
    );
    assert.deepEqual(listed, [
      {
        id: 'welcome',
        name: 'Welcome series',
        trigger: 'tag new-signup added (polled every 10m)',
        steps: '4 steps',
        status: 'draft',
        strip: ['action', 'wait', 'action', 'end'],
      },
      {
        id: 'spring_campaign',
        name: 'Spring campaign',
        trigger: 'audience: plan = "pro"',
        steps: '4 steps',
        status: 'draft',
        strip: ['approval', 'filter', 'action', 'end'],
      },
      {
        id: 'provision_workspace',
        name: 'Workspace provisioning',
        trigger: 'manual',
        steps: '4 steps',
        status: 'draft',
        strip: ['action', 'action', 'action', 'action'],
      },
    ]);
    await page.close();
  });

  it('navigates between every main screen, and back', async () => {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url);
    for (const [link, screen, path] of [
      ['nav-runs', 'screen-runs', '/runs'],
      ['nav-lifecycle', 'screen-lifecycle', '/lifecycle'],
      ['nav-scenarios', 'screen-scenarios', '/scenarios'],
      ['nav-workflows', 'screen-workflows', '/'],
    ]) {
      await page.click(`[data-testid=${link}]`);
      await page.waitForSelector(`[data-testid=${screen}]`);
      assert.equal(new URL(page.url()).pathname, path);
      assert.equal(await page.getAttribute(`[data-testid=${link}]`, 'aria-current'), 'page');
    }

    await page.click('[data-workflow-id=spring_campaign]');
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=spring_campaign]');
    assert.equal(new URL(page.url()).pathname, '/editor/spring_campaign');
    assert.equal(await page.textContent('[data-testid=editor-title]'), 'Spring campaign');
    await page.waitForSelector('[data-testid=canvas] [data-testid=node]');
    const steps = await page.locator('[data-testid=node]').evaluateAll((els) => els.map((e) => e.dataset.stepId));
    assert.deepEqual(steps, ['validate', 'consent', 'deliver', 'done']);

    await page.goBack();
    await page.waitForSelector('[data-testid=screen-workflows]');
    await page.click('[data-workflow-id=welcome]');
    await page.waitForSelector('[data-testid=screen-editor][data-workflow-id=welcome]');
    await page.click('[data-testid=breadcrumb-workflows]');
    await page.waitForSelector('[data-testid=screen-workflows]');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('serves deep links to client-side routes', async () => {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url, '/editor/provision_workspace');
    assert.equal(await page.textContent('[data-testid=editor-title]'), 'Workspace provisioning');
    await openApp(page, server.url, '/lifecycle');
    await page.waitForSelector('[data-testid=lifecycle-execution] [data-testid=lc-node]');
    await openApp(page, server.url, '/editor/no_such_workflow');
    await page.waitForSelector('[data-testid=screen-editor-missing]');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('saves a screenshot of the workflows screen as an artifact', async () => {
    const page = await context.newPage();
    await openApp(page, server.url);
    const file = await artifactPath('shell-workflows.png');
    await page.screenshot({ path: file, fullPage: true });
    const { size } = await stat(file);
    assert.ok(size > 10_000, `screenshot ${file} is only ${size} bytes`);
    await page.close();
  });
});
