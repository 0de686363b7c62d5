//! Which language the page speaks: chosen in the header, kept in local
//! storage, and shown as `<html lang>`.

use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag, for `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language's own name for itself.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

pub fn set_current(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Sets the language for a test and restores the previous one after.
#[cfg(test)]
pub struct Scoped(Lang);

#[cfg(test)]
impl Scoped {
    pub fn new(lang: Lang) -> Scoped {
        let before = current();
        set_current(lang);
        Scoped(before)
    }
}

#[cfg(test)]
impl Drop for Scoped {
    fn drop(&mut self) {
        set_current(self.0);
    }
}
