//! Namespaces, and the ids Flowlab gives BPMN elements.

pub const BPMN: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
pub const BPMNDI: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
pub const DC: &str = "http://www.omg.org/spec/DD/20100524/DC";
pub const DI: &str = "http://www.omg.org/spec/DD/20100524/DI";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub const ZEEBE: &str = "http://camunda.org/schema/zeebe/1.0";
pub const FLOWLAB: &str = "https://flowlab.dev/bpmn/1";

/// Elements Flowlab adds that are not steps start with this; import skips them.
pub const SYNTHETIC: &str = "_flowlab_";

/// A step or workflow id as a BPMN id (an XML name): itself when it is
/// one, else `_id` and its bytes in hex (the real id is then in the
/// Flowlab extension).
pub fn element_id(id: &str) -> String {
    let mut chars = id.chars();
    let plain = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        && !id.starts_with(SYNTHETIC);
    if plain {
        id.to_owned()
    } else {
        let hex: String = id.bytes().map(|b| format!("{b:02x}")).collect();
        format!("_id{hex}")
    }
}

pub fn is_synthetic(id: &str) -> bool {
    id.starts_with(SYNTHETIC)
}
