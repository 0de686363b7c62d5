//! The French table, built once from the area tables of `fr/`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::fr;

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        fr::AREAS
            .iter()
            .flat_map(|area| area.iter().copied())
            .collect()
    })
}

pub fn french(en: &str) -> Option<&'static str> {
    table().get(en).copied()
}
