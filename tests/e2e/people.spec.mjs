// People against the release build: add a contact, tag it (the tag trigger
// says when its poll will notice), and enroll it by hand.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, launchBrowser, openApp, serveDist, watchForErrors } from './support.mjs';

describe('people (release build)', { timeout: 120_000 }, () => {
  let server;
  let browser;
  before(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds, tags and enrolls a contact', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openApp(page, server.url, '/people');
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.click('[data-testid=clock-speed-max]');
    await page.fill('[data-testid=clock-until-input]', '2m');
    await page.press('[data-testid=clock-until-input]', 'Enter');
    await page.waitForSelector('[data-testid=poll][data-workflow=welcome][data-next="600000"]');

    await page.click('[data-testid=contact-add]');
    await page.fill('[data-testid=contact-name]', 'Hedy Lamarr');
    await page.fill('[data-testid=contact-email]', 'hedy@example.com');
    await page.fill('[data-testid=contact-attributes]', '{"plan": "pro"}');
    await page.click('[data-testid=contact-save]');
    const row = page.locator('[data-testid=contact-row][data-contact=c11]');
    await row.waitFor();

    await row.locator('[data-testid=contact-tag-input]').fill('new-signup');
    await row.locator('[data-testid=contact-tag-input]').press('Enter');
    await row.locator('[data-testid=contact-tag][data-tag=new-signup]').waitFor();
    assert.match(await page.textContent('[data-testid=poll][data-workflow=welcome]'), /2 tag additions waiting/);

    await row.locator('[data-testid=contact-select]').check();
    await page.selectOption('[data-testid=enroll-workflow]', 'provision_workspace');
    await page.click('[data-testid=enroll-selected]');
    await page.waitForSelector('[data-testid=enroll-selected][disabled]');
    await page.screenshot({ path: await artifactPath('people.png'), fullPage: true });

    await page.click('[data-testid=nav-runs]');
    await page.fill('[data-testid=filter-contact]', 'hedy');
    const runs = page.locator('[data-testid=run-row]');
    await runs.first().waitFor();
    assert.equal(await runs.count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
