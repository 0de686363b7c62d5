//! The editor's keyboard: which key does what on the canvas. Keys typed
//! into a form field are the field's, and never reach this map.

use super::geometry::GRID;

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
    ZoomIn,
    ZoomOut,
    Fit,
}

/// `key` as `KeyboardEvent.key`; `command` is Ctrl, or Cmd on a Mac.
pub fn key_action(key: &str, command: bool, shift: bool) -> Option<KeyAction> {
    let step = if shift { GRID * 4.0 } else { GRID };
    let lower = key.to_ascii_lowercase();
    Some(match (command, lower.as_str()) {
        (true, "z") if shift => KeyAction::Redo,
        (true, "z") => KeyAction::Undo,
        (true, "y") => KeyAction::Redo,
        (true, "a") => KeyAction::SelectAll,
        (true, "d") => KeyAction::Duplicate,
        (true, "c") => KeyAction::Copy,
        (true, "v") => KeyAction::Paste,
        (false, "delete" | "backspace") => KeyAction::Delete,
        (false, "escape") => KeyAction::Escape,
        (false, "arrowleft") => KeyAction::Nudge(-step, 0.0),
        (false, "arrowright") => KeyAction::Nudge(step, 0.0),
        (false, "arrowup") => KeyAction::Nudge(0.0, -step),
        (false, "arrowdown") => KeyAction::Nudge(0.0, step),
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
        assert_eq!(key_action("z", true, false), Some(Undo));
        assert_eq!(key_action("Z", true, true), Some(Redo));
        assert_eq!(key_action("y", true, false), Some(Redo));
        assert_eq!(key_action("a", true, false), Some(SelectAll));
        assert_eq!(key_action("d", true, false), Some(Duplicate));
        assert_eq!(key_action("c", true, false), Some(Copy));
        assert_eq!(key_action("v", true, false), Some(Paste));
        assert_eq!(key_action("Delete", false, false), Some(Delete));
        assert_eq!(key_action("Backspace", false, false), Some(Delete));
        assert_eq!(key_action("Escape", false, false), Some(Escape));
        assert_eq!(key_action("!", false, true), Some(Fit));
    }

    #[test]
    fn arrows_nudge_by_the_grid_and_shift_by_four() {
        assert_eq!(
            key_action("ArrowLeft", false, false),
            Some(Nudge(-GRID, 0.0))
        );
        assert_eq!(
            key_action("ArrowDown", false, true),
            Some(Nudge(0.0, 4.0 * GRID))
        );
    }

    #[test]
    fn plain_letters_do_nothing() {
        assert_eq!(key_action("z", false, false), None);
        assert_eq!(key_action("a", false, false), None);
        assert_eq!(key_action("Delete", true, false), None);
    }
}
