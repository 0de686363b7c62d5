// The BPMN export of every sample, preset and shared scenario workflow
// parses with bpmn-moddle (BPMN 2.0, Zeebe's and Flowlab's extensions) with
// no warning and no unknown element. No browser: flowlab-sim writes the XML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const flowlab = JSON.parse(readFileSync(new URL('./flowlab-moddle.json', import.meta.url)));

execFileSync('cargo', ['build', '-q', '-p', 'flowlab-sim'], { stdio: 'inherit' });
const sim = 'target/debug/flowlab-sim';

const files = [
  ...['samples', 'samples/presets', '../shared/scenarios'].flatMap((dir) =>
    readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`)),
];

function workflowIds(file) {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  return (value.workflows ?? []).map((w) => w.id);
}

const known = new Set(['bpmn', 'bpmndi', 'dc', 'di', 'zeebe', 'flowlab']);

function unknownElements(element, seen = new Set()) {
  if (!element || typeof element !== 'object' || seen.has(element)) return [];
  seen.add(element);
  const found = [];
  if (element.$type && !known.has(element.$type.split(':')[0])) found.push(element.$type);
  if (element.$instanceOf && element.$type && !element.$descriptor?.ns?.prefix) found.push(element.$type);
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') && key !== '$children') continue;
    if (Array.isArray(value)) value.forEach((v) => found.push(...unknownElements(v, seen)));
    else if (value && typeof value === 'object' && key !== '$parent') found.push(...unknownElements(value, seen));
  }
  return found;
}

for (const file of files) {
  for (const id of workflowIds(file)) {
    test(`${file} ${id}: the BPMN export parses with bpmn-moddle, no warnings`, async () => {
      const xml = execFileSync(sim, ['export', 'bpmn', file, '--workflow', id], { encoding: 'utf8' });
      const moddle = new BpmnModdle({ zeebe, flowlab });
      const { rootElement, warnings } = await moddle.fromXML(xml);
      assert.deepEqual(warnings.map((w) => w.message), []);
      assert.deepEqual(unknownElements(rootElement), []);
      const process = rootElement.rootElements[0];
      assert.equal(process.$type, 'bpmn:Process');
      assert.equal(process.id.length > 0, true);
      const steps = process.flowElements.filter((e) => !e.id.startsWith('_flowlab_') && e.$type !== 'bpmn:SequenceFlow');
      assert.ok(steps.length > 0);
      for (const step of steps) {
        const ext = step.extensionElements?.values ?? [];
        assert.ok(ext.some((v) => v.$type === 'flowlab:Step'), `${step.id} carries flowlab:step`);
      }
      const shapes = rootElement.diagrams[0].plane.planeElement.map((s) => s.bpmnElement?.id);
      for (const e of process.flowElements) assert.ok(shapes.includes(e.id), `${e.id} is drawn`);
    });
  }
}
