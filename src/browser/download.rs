//! Saving a text or a blob as a file through the browser's download.

use wasm_bindgen::JsCast;

use crate::i18n::tr;
use crate::t;

/// Offers `text` as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| {
            t!(
                "could not offer {file} for download: {why}",
                file = file_name,
                why = tr("no blob")
            )
        })?;
    download_blob(file_name, &blob)
}

/// Offers `blob` as a download named `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |what: &str| {
        t!(
            "could not offer {file} for download: {why}",
            file = file_name,
            why = what
        )
    };
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| fail(tr("no URL")))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail(tr("no document")))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail(tr("no link")))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
