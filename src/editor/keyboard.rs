//! The editor's keyboard: which key does what on the canvas. Keys typed
//! into a form field are the field's, and never reach this map. The `?`
//! overlay (`components/shortcuts.rs`) lists these keys: change both.

use super::geometry::GRID;
use super::nav::Direction;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyAction {
    Undo,
    Redo,
    Delete,
    SelectAll,
    Duplicate,
    Copy,
    Paste,
    Escape,
    /// Move the selection by this much (world units).
    Nudge(f64, f64),
    /// Select the next step that way.
    Select(Direction),
    /// Focus the inspector's first field.
    Open,
    /// Link the selected step to another (a dialog asks which).
    Link,
    ZoomIn,
    ZoomOut,
    Fit,
    /// Open the Find step box.
    Find,
    /// Rename the selected step in place (F2, as in file managers and bpmn.io).
    Rename,
}

/// `key` as `KeyboardEvent.key`; `command` is Ctrl, or Cmd on a Mac. A
/// plain arrow moves the selection to the next step that way; with Alt or
/// Shift it moves the selected steps by the grid, with both by four.
pub fn key_action(key: &str, command: bool, shift: bool, alt: bool) -> Option<KeyAction> {
    let step = if shift && alt { GRID * 4.0 } else { GRID };
    if let Some(dir) = Direction::from_key(key).filter(|_| !command) {
        if !shift && !alt {
            return Some(KeyAction::Select(dir));
        }
        return Some(match dir {
            Direction::Left => KeyAction::Nudge(-step, 0.0),
            Direction::Right => KeyAction::Nudge(step, 0.0),
            Direction::Up => KeyAction::Nudge(0.0, -step),
            Direction::Down => KeyAction::Nudge(0.0, step),
        });
    }
    let lower = key.to_ascii_lowercase();
    Some(match (command, lower.as_str()) {
        (true, "z") if shift => KeyAction::Redo,
        (true, "z") => KeyAction::Undo,
        (true, "y") => KeyAction::Redo,
        (true, "a") => KeyAction::SelectAll,
        (true, "d") => KeyAction::Duplicate,
        (true, "c") => KeyAction::Copy,
        (true, "v") => KeyAction::Paste,
        (true, "f") => KeyAction::Find,
        (false, "delete" | "backspace") => KeyAction::Delete,
        (false, "escape") => KeyAction::Escape,
        (false, "enter") => KeyAction::Open,
        (false, "f2") => KeyAction::Rename,
        (false, "l") if !alt => KeyAction::Link,
        (_, "+" | "=") => KeyAction::ZoomIn,
        (_, "-") => KeyAction::ZoomOut,
        (false, "1") if shift => KeyAction::Fit,
        (false, "!") => KeyAction::Fit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::KeyAction::*;
    use super::*;

    #[test]
    fn the_usual_shortcuts() {
        assert_eq!(key_action("z", true, false, false), Some(Undo));
        assert_eq!(key_action("Z", true, true, false), Some(Redo));
        assert_eq!(key_action("y", true, false, false), Some(Redo));
        assert_eq!(key_action("a", true, false, false), Some(SelectAll));
        assert_eq!(key_action("d", true, false, false), Some(Duplicate));
        assert_eq!(key_action("c", true, false, false), Some(Copy));
        assert_eq!(key_action("v", true, false, false), Some(Paste));
        assert_eq!(key_action("Delete", false, false, false), Some(Delete));
        assert_eq!(key_action("Backspace", false, false, false), Some(Delete));
        assert_eq!(key_action("Escape", false, false, false), Some(Escape));
        assert_eq!(key_action("!", false, true, false), Some(Fit));
        assert_eq!(key_action("f", true, false, false), Some(Find));
        assert_eq!(key_action("F2", false, false, false), Some(Rename));
        assert_eq!(key_action("F2", true, false, false), None);
        assert_eq!(key_action("F", true, true, false), Some(Find));
    }

    #[test]
    fn arrows_select_and_with_a_modifier_move() {
        assert_eq!(
            key_action("ArrowLeft", false, false, false),
            Some(Select(Direction::Left))
        );
        assert_eq!(
            key_action("ArrowLeft", false, false, true),
            Some(Nudge(-GRID, 0.0))
        );
        assert_eq!(
            key_action("ArrowRight", false, true, false),
            Some(Nudge(GRID, 0.0))
        );
        assert_eq!(
            key_action("ArrowDown", false, true, true),
            Some(Nudge(0.0, 4.0 * GRID))
        );
    }

    #[test]
    fn enter_opens_and_l_links() {
        assert_eq!(key_action("Enter", false, false, false), Some(Open));
        assert_eq!(key_action("l", false, false, false), Some(Link));
        assert_eq!(key_action("L", false, true, false), Some(Link));
    }

    #[test]
    fn plain_letters_do_nothing() {
        assert_eq!(key_action("z", false, false, false), None);
        assert_eq!(key_action("a", false, false, false), None);
        assert_eq!(key_action("f", false, false, false), None);
        assert_eq!(key_action("Delete", true, false, false), None);
    }
}
