// People against the release build: add a contact, tag it (the tag trigger
// says when its poll will notice), and enroll it by hand; add an operator to
// a group (the form names what is wrong first) and decide, as that operator,
// the approval the group is then notified of.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, downloadTrace, runUntil, useApp, waitForClock } from './support.mjs';

describe('people (release build)', { timeout: 120_000 }, () => {
  const app = useApp();

  it('adds, tags and enrolls a contact', async () => {
    const { context, page, problems } = await app.open('/people', { viewport: { width: 1440, height: 1000 } });
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

  it('adds an operator to a group, who then decides an approval from the inbox', async () => {
    const { context, page, problems } = await app.open('/people', { viewport: { width: 1440, height: 1000 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    const before = await page.locator('[data-testid=operator-row]').count();

    // At 0, before the script activates the campaign (its validation then
    // notifies the marketing-leads group as it is at that moment).
    await page.click('[data-testid=operator-add]');
    const id = await page.inputValue('[data-testid=operator-id]');
    assert.equal(id, `op${before + 1}`, 'the first free id is offered');
    await page.fill('[data-testid=operator-name]', 'Grace Hopper');
    await page.fill('[data-testid=operator-email]', 'grace@example');
    await page.fill('[data-testid=operator-mobile]', 'call me');
    await page.fill('[data-testid=operator-groups]', 'marketing-leads');
    await page.click('[data-testid=operator-save]');
    assert.match(await page.textContent('[data-testid=operator-email-error]'), /`grace@example` is not an email address/);
    assert.match(await page.textContent('[data-testid=operator-mobile-error]'), /`call me` is not a mobile number/);
    assert.equal(await page.getAttribute('[data-testid=operator-email]', 'aria-invalid'), 'true');
    await page.locator('[data-testid=operator-form]').screenshot({ path: await artifactPath('operator-form-errors.png') });
    assert.equal(await page.locator('[data-testid=operator-row]').count(), before, 'nothing added yet');

    await page.fill('[data-testid=operator-email]', 'grace@example.com');
    assert.equal(await page.locator('[data-testid=operator-email-error]').count(), 0, 'the message follows the typing');
    await page.fill('[data-testid=operator-mobile]', '');
    await page.click('[data-testid=operator-save]');
    const row = page.locator(`[data-testid=operator-row][data-operator=${id}]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-groups'), 'marketing-leads');
    await page.waitForSelector('[data-testid=operator-form]', { state: 'detached' });

    // The same id again is refused under the id field.
    await page.click('[data-testid=operator-add]');
    await page.fill('[data-testid=operator-id]', id);
    await page.fill('[data-testid=operator-name]', 'Someone else');
    await page.click('[data-testid=operator-save]');
    assert.match(await page.textContent('[data-testid=operator-id-error]'), new RegExp(`an operator \`${id}\` already exists`));
    await page.click('[data-testid=operator-cancel]');

    // Editing: a mobile added, the id fixed.
    await row.locator('[data-testid=operator-edit]').click();
    assert.equal(await page.isDisabled('[data-testid=operator-id]'), true);
    await page.fill('[data-testid=operator-mobile]', '+33 6 12 34 56 78');
    await page.click('[data-testid=operator-save]');
    await page.waitForSelector(`[data-testid=operator-row][data-operator=${id}]:has-text("+33 6 12 34 56 78")`);
    await page.screenshot({ path: await artifactPath('people-operators.png'), fullPage: true });

    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '30m');
    await waitForClock(page, 30 * 60_000);
    await page.click('[data-testid=nav-approvals]');
    await page.click(`[data-testid=inbox-operator][data-operator=${id}]`);
    const item = page.locator('[data-testid=inbox-item][data-step=validate][data-status=open]');
    await item.waitFor();
    assert.deepEqual(
      await item.locator('[data-testid=inbox-channel]').evaluateAll((cs) => cs.map((c) => c.dataset.channel)),
      ['email', 'sms'],
      'notified by email and by the mobile added in the edit',
    );
    await item.locator('[data-testid=inbox-approve]').click();
    const decided = page.locator('[data-testid=inbox-item][data-step=validate][data-status=decided]');
    await decided.waitFor();
    assert.match(await decided.locator('[data-testid=inbox-status]').textContent(), /Grace Hopper chose approve/);

    const trace = (await downloadTrace(page)).trim().split('\n').map((l) => JSON.parse(l));
    const decision = trace.find((l) => l.type === 'decision' && l.operator === id);
    assert.ok(decision, 'the engine took her decision');
    assert.equal(decision.decision, 'approve');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('lets an operator who joins the group after the approval opened find it, unnotified, and decide it', async () => {
    const { context, page, problems } = await app.open('/approvals', { viewport: { width: 1440, height: 1000 } });
    await page.waitForSelector('[data-testid=clock-play]:not([disabled])');
    await page.click('[data-testid=clock-speed-max]');
    await runUntil(page, '30m');
    await waitForClock(page, 30 * 60_000);
    await page.click('[data-testid=inbox-operator][data-operator=op3]');
    assert.equal(await page.locator('[data-testid=inbox-item]').count(), 0, 'op3 is in no group of the campaign');

    await page.click('[data-testid=nav-people]');
    const row = page.locator('[data-testid=operator-row][data-operator=op3]');
    await row.locator('[data-testid=operator-edit]').click();
    const groups = await page.inputValue('[data-testid=operator-groups]');
    await page.fill('[data-testid=operator-groups]', `${groups}, marketing-leads`);
    await page.click('[data-testid=operator-save]');
    await page.waitForSelector('[data-testid=operator-row][data-operator=op3][data-groups*=marketing-leads]');

    await page.click('[data-testid=nav-approvals]');
    await page.click('[data-testid=inbox-operator][data-operator=op3]');
    const item = page.locator('[data-testid=inbox-item][data-step=validate][data-status=open]');
    await item.waitFor();
    assert.equal(await item.locator('[data-testid=inbox-channel]').count(), 0, 'no notification was sent');
    await item.locator('[data-testid=inbox-not-notified]').waitFor();
    await page.screenshot({ path: await artifactPath('inbox-not-notified.png') });
    await item.locator('[data-testid=inbox-approve]').click();
    await page.waitForSelector('[data-testid=inbox-item][data-step=validate][data-status=decided]');
    const trace = (await downloadTrace(page)).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(trace.some((l) => l.type === 'decision' && l.operator === 'op3'), 'the engine took the decision');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
