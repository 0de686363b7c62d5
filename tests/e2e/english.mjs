// Finds English left on a page that should speak French: visible text and
// the texts a screen reader or a tooltip gives (aria-label, title,
// placeholder, alt). A word counts as English when it is in ENGLISH below:
// common English words that are not also French words, and not the spec's
// codes, which stay as the spec writes them (RUNNING, pending, draft…).
// Code, keyboard keys, elements marked translate="no" and words joined by
// - _ @ or an inner dot are skipped: they are identifiers, not prose.

export const ENGLISH = new Set(`
the and of to with for from this that these those is are was were has have had
not yet its it will would can cannot could should must been being into onto
what which when where there here who whose why how all every each only also
than then just still already again more most less least some any many much
add added open opened save saved saving show shows hide edit edited delete deleted
undo redo publish published step steps run runs people approval approvals
settings name nothing none until after before next previous back clock speed
play reset search find close cancel choose chosen select selected selection
enrolled enroll enrollment enrollments waiting yes ago today now left right
file files workspace untitled new copy paste link links linked move moved
unsaved loading load loaded keep kept shown hidden check checked day days hour
hours seconds week weeks month months year years failure failures
succeeded success attempt attempts retries time times event
events first last average median shortcut shortcuts help
engine bookkeeping happened viewing because about please
`.split(/\s+/).filter(Boolean));

/**
 * Returns the English words found, each with the text it was found in.
 * Options: `within`, a selector of the parts to read (every match; default
 * the whole body); `skip`, selectors of elements to leave out besides code
 * and translate="no"; `ignore`, strings taken out of each text first (names
 * from data), and `ignorePatterns`, regular expressions (as source strings)
 * taken out likewise.
 */
export async function englishOnScreen(page, { within = 'body', skip = [], ignore = [], ignorePatterns = [] } = {}) {
  const words = [...ENGLISH];
  return page.evaluate(({ words, within, skip, ignore, ignorePatterns }) => {
    const english = new Set(words);
    const roots = [...document.querySelectorAll(within)];
    if (roots.length === 0) return [`no ${within}`];
    const skipped = ['code, kbd, samp, pre, [translate=no], script, style, [hidden], [aria-hidden=true]', ...skip].join(', ');
    const left = (el) => el.closest(skipped);
    const visible = (el) => {
      if (!el || left(el)) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 || el.matches('option, title, desc');
    };
    const texts = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent.trim() && visible(node.parentElement)) texts.push(node.textContent);
      }
      for (const el of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (left(el)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = el.getAttribute(attr);
          if (value) texts.push(value);
        }
      }
    }
    const patterns = ignorePatterns.map((source) => new RegExp(source, 'g'));
    const found = [];
    for (const raw of texts) {
      let text = raw;
      for (const pattern of patterns) text = text.replace(pattern, ' ');
      for (const name of ignore) text = text.split(name).join(' ');
      // Tokens joined by - _ @ or an inner dot (new-signup, send_welcome,
      // it@example.com) are identifiers.
      for (const token of text.split(/[^A-Za-z0-9’'_@.-]+/)) {
        const inner = token.replace(/^[-_.]+|[-_.]+$/g, '');
        if (/[_@-]|\w\.\w/.test(inner)) continue;
        const word = token.replace(/[^A-Za-z’']/g, '');
        if (english.has(word.toLowerCase()) && word !== word.toUpperCase()) {
          found.push(`${word} — in "${raw.trim().slice(0, 100)}"`);
          break;
        }
      }
    }
    return [...new Set(found)];
  }, { words, within, skip, ignore, ignorePatterns });
}
