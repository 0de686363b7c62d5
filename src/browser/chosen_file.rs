//! The one way the app reads a file the user chose in a file input: the
//! file (`chosen_file`), then its text read as `flowlab-sim` reads one
//! (`chosen_file_text`): the size limit before reading, a byte-order mark
//! dropped, and bytes that are not UTF-8 refused at their line:column (the
//! browser's `File.text()` would replace them silently).

use flowlab_engine::scenario::{file_text, MAX_FILE_BYTES};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::num;
use crate::t;

/// The file chosen in `input`, if any.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files().and_then(|files| files.get(0))
}

pub async fn chosen_file_text(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        return Err(t!(
            "{name}: the file is {size} bytes, over the limit of {limit} bytes",
            name = name,
            size = num(file.size() as u64),
            limit = num(MAX_FILE_BYTES as u64)
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| t!("{name} could not be read", name = name))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    file_text(&name, &bytes)
        .map(str::to_owned)
        .map_err(|e| e.to_string())
}
