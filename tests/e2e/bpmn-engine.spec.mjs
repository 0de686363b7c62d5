// The BPMN export runs on bpmn-engine (a BPMN 2.0 engine in Node) and takes
// the same path through the steps as flowlab-sim, for the same contact.
// Service tasks are stubbed to fail when the step's fault outlasts its
// attempts (`always`, `fail_first` >= max_attempts); timers fire at once;
// conditions are the FEEL of docs/bpmn.md, evaluated on the contact.
// A user task is decided as in flowlab-sim's run. A rollback (fail_workflow
// → ROLLBACK → FAILED_SAFE) is compared too: the compensation handlers run
// on bpmn-engine in flowlab-sim's order, newest first. Executions with a
// random fault, a retry in days, a compensation fault, a rollback that is
// not clean or a later version are not compared (their outcome comes from
// the script or a draw).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';

execFileSync('cargo', ['build', '-q', '-p', 'flowlab-sim'], { stdio: 'inherit' });
const sim = 'target/debug/flowlab-sim';

const files = ['samples', '../shared/scenarios'].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));

const TOKEN = /\s+|"(?:\\.|[^"\\])*"|`[^`]*`|!=|<=|>=|=|<|>|\(|\)|,|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_]\w*/gy;

function feel(expression, vars) {
  const text = expression.replace(/^=/, '');
  let js = '';
  TOKEN.lastIndex = 0;
  let m;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) {
    const t = m[0];
    if (/^\s/.test(t)) js += ' ';
    else if (t === 'and') js += '&&';
    else if (t === 'or') js += '||';
    else if (t === 'not') js += '!';
    else if (t === 'list') js += '';
    else if (t === 'contains') js += '__contains';
    else if (t === '=') js += '==';
    else if (['true', 'false', 'null'].includes(t)) js += t;
    else if (t.startsWith('`')) js += `__v(${JSON.stringify(t.slice(1, -1))})`;
    else if (/^[A-Za-z_]/.test(t)) js += `__v(${JSON.stringify(t)})`;
    else js += t;
  }
  const v = (name) => vars[name];
  const contains = (list, item) => Array.isArray(list) && list.includes(item);
  return Boolean(new Function('__v', '__contains', `return (${js});`)(v, contains));
}

function contactVars(c) {
  return { ...c.attributes, name: c.name, email: c.email, phone: c.phone, tags: c.tags ?? [] };
}

function simExecutions(file) {
  const lines = execFileSync(sim, ['run', file], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const runs = new Map();
  for (const l of lines) {
    if (l.type === 'enrolled') runs.set(l.execution, { ...l, path: [], states: [], ports: [], compensations: [] });
    const run = runs.get(l.execution);
    if (!run) continue;
    if (l.type === 'transition') run.ports.push([l.from_step, l.port]);
    if (l.type === 'step_status' && l.from === null && l.to !== 'skipped') run.path.push(l.step);
    if (l.type === 'execution_state') run.states.push(l.to);
    if (l.type === 'compensation' && l.attempt === 0) run.compensations.push(l.step);
  }
  return [...runs.values()];
}

async function runOnEngine(xml, draft, vars, ports) {
  const steps = new Map(draft.steps.map((s) => [s.id, s]));
  const visits = new Map();
  const path = [];
  const compensations = [];
  const expressions = {
    resolveExpression(e) { return typeof e === 'string' && e.startsWith('=') ? feel(e, vars) : e; },
    hasExpression(e) { return typeof e === 'string' && e.startsWith('='); },
  };
  const timers = new Timers({ setTimeout: (fn, _ms, ...a) => setTimeout(fn, 0, ...a), clearTimeout });
  const stub = (activity) => {
    if (activity.type !== 'bpmn:ServiceTask') return;
    const step = steps.get(activity.id);
    activity.behaviour.Service = function Service() {
      return {
        execute(_message, callback) {
          const visit = visits.get(activity.id) ?? 0;
          visits.set(activity.id, visit + 1);
          const attempts = step?.retry?.max_attempts ?? 3;
          const fault = step?.fault ?? {};
          const fails = fault.always === true || (fault.fail_first ?? 0) >= (visit + 1) * attempts;
          callback(fails ? new Error('fault') : null, {});
        },
      };
    };
  };
  const engine = new Engine({ source: xml, timers, expressions, extensions: { stub } });
  const listener = new EventEmitter();
  listener.on('activity.start', (api) => {
    if (steps.has(api.id)) path.push(api.id);
    if (api.id.startsWith(UNDO)) compensations.push(api.id.slice(UNDO.length));
  });
  // A user task is decided as the person in the scenario decided it; a
  // timeout is left to the (instant) boundary timer.
  listener.on('activity.wait', (api) => {
    const port = ports.find(([step]) => step === api.id)?.[1];
    if (port === 'approved' || port === 'rejected') {
      vars.decision = port;
      api.signal({ decision: port });
    }
  });
  const ended = new Promise((resolve) => {
    engine.once('end', () => resolve('end'));
    engine.once('error', (e) => resolve(`error: ${e.message}`));
  });
  await engine.execute({ listener, variables: vars });
  const outcome = await Promise.race([ended, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
  engine.stop();
  return { outcome, path, compensations };
}

const UNDO = '_flowlab_undo_';

function rollbackComparable(run, draft) {
  if (!run.states.includes('ROLLBACK')) return true;
  return !run.states.includes('FAILED_UNSAFE') && !draft.settings?.execution_timeout
    && !draft.steps.some((s) => s.compensation?.fault);
}

let total = 0;
let rollbacks = 0;
for (const file of files) {
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  if (!scenario.workflows || !scenario.contacts) continue;
  test(`${file}: bpmn-engine takes flowlab-sim's path for each contact`, async (t) => {
    let compared = 0;
    for (const run of simExecutions(file)) {
      const draft = scenario.workflows.find((w) => w.id === run.workflow);
      const contact = scenario.contacts.find((c) => c.id === run.contact);
      if (!draft || !contact || run.path.length === 0 || (run.version ?? 1) !== 1) continue;
      if (draft.steps.some((s) => s.fault?.probability !== undefined || s.on_fail?.action === 'retry')) continue;
      if (run.states.some((s) => /CANCEL|PAUS|TIMED/.test(s)) || !rollbackComparable(run, draft)) continue;
      const xml = execFileSync(sim, ['export', 'bpmn', file, '--workflow', draft.id], { encoding: 'utf8' });
      const { outcome, path, compensations } = await runOnEngine(xml, draft, contactVars(contact), run.ports);
      assert.notEqual(outcome, 'timeout', `${run.execution} on ${draft.id}`);
      assert.deepEqual(path, run.path, `${run.execution} (${contact.id}) on ${draft.id}`);
      assert.deepEqual(compensations, run.compensations, `${run.execution} (${contact.id}) on ${draft.id}: compensations`);
      if (run.states.includes('ROLLBACK')) rollbacks += 1;
      compared += 1;
    }
    t.diagnostic(`${compared} execution(s) compared`);
    total += compared;
  });
}

test('some executions were compared at all', () => {
  assert.ok(total >= 5, `only ${total}`);
  assert.ok(rollbacks >= 2, `only ${rollbacks} rollback(s)`);
});
