//! Pictures of the canvas in the current theme: the canvas `<svg>` copied
//! with each element's computed style written on it (so CSS variables are
//! resolved and the file needs no stylesheet), the pan and zoom dropped and
//! the view box fitted to what is drawn; and a PNG of that SVG drawn on an
//! offscreen canvas. In run mode the rings, counts and `N - Ok` labels are
//! part of the same SVG, so they are in the pictures too.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Element, HtmlCanvasElement, HtmlImageElement, SvgGraphicsElement};

use crate::i18n::{en, tr};
use crate::t;

/// Around the drawing, in canvas units.
const MARGIN: f64 = 24.0;
/// Pixels per canvas unit in the PNG, unless that makes it too large.
const PNG_SCALE: f64 = 2.0;
/// Browsers refuse canvases much larger than this on a side.
const PNG_MAX_SIDE: f64 = 8192.0;

const SVG_PROPERTIES: &[&str] = &[
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "visibility",
    "display",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "letter-spacing",
    "text-anchor",
    "dominant-baseline",
    "paint-order",
    "marker-start",
    "marker-mid",
    "marker-end",
    "color",
];

const HTML_PROPERTIES: &[&str] = &[
    "display",
    "position",
    "box-sizing",
    "width",
    "height",
    "min-width",
    "max-width",
    "min-height",
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left",
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left",
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width",
    "border-top-style",
    "border-right-style",
    "border-bottom-style",
    "border-left-style",
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color",
    "border-top-left-radius",
    "border-top-right-radius",
    "border-bottom-left-radius",
    "border-bottom-right-radius",
    "background-color",
    "color",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "line-height",
    "letter-spacing",
    "text-align",
    "text-overflow",
    "text-transform",
    "white-space",
    "overflow-x",
    "overflow-y",
    "flex-direction",
    "flex-wrap",
    "flex-grow",
    "flex-shrink",
    "flex-basis",
    "align-items",
    "align-self",
    "justify-content",
    "row-gap",
    "column-gap",
    "opacity",
    "visibility",
    "vertical-align",
    "top",
    "right",
    "bottom",
    "left",
    "fill",
    "stroke",
    "stroke-width",
];

#[derive(Debug)]
pub enum PictureError {
    NoCanvas,
    Empty,
    /// What the browser refused to do, marked with `en` for `tr`.
    Browser(&'static str),
}

impl std::fmt::Display for PictureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PictureError::NoCanvas => f.write_str(tr("there is no canvas on this page to draw")),
            PictureError::Empty => f.write_str(tr("the canvas has nothing drawn on it")),
            PictureError::Browser(what) => {
                f.write_str(&t!("the browser refused to {what}", what = tr(what)))
            }
        }
    }
}

impl std::error::Error for PictureError {}

/// The picture of the canvas as an SVG document, and its size in canvas
/// units.
pub struct Svg {
    pub text: String,
    pub width: f64,
    pub height: f64,
}

fn browser(what: &'static str) -> impl Fn(JsValue) -> PictureError {
    move |_| PictureError::Browser(what)
}

/// The canvas, fitted and with its styles written in.
pub fn canvas_svg() -> Result<Svg, PictureError> {
    let window = web_sys::window().ok_or(PictureError::NoCanvas)?;
    let document = window.document().ok_or(PictureError::NoCanvas)?;
    let live = document
        .query_selector("svg[data-testid=canvas]")
        .ok()
        .flatten()
        .ok_or(PictureError::NoCanvas)?;
    let world: SvgGraphicsElement = live
        .query_selector("g.world")
        .ok()
        .flatten()
        .ok_or(PictureError::NoCanvas)?
        .unchecked_into();
    let bbox = world.get_b_box().map_err(browser("measure the canvas"))?;
    let (bx, by, bw, bh) = (
        f64::from(bbox.x()),
        f64::from(bbox.y()),
        f64::from(bbox.width()),
        f64::from(bbox.height()),
    );
    if bw <= 0.0 || bh <= 0.0 {
        return Err(PictureError::Empty);
    }
    let background = background_of(&window, &live);
    // Animations (the blinking ring) are captured at rest, not mid-blink.
    let _ = live.class_list().add_1("canvas--still");
    let copy = copy_with_styles(&window, &live);
    let _ = live.class_list().remove_1("canvas--still");
    let copy = copy?;

    let (x, y) = (bx - MARGIN, by - MARGIN);
    let (width, height) = (bw + 2.0 * MARGIN, bh + 2.0 * MARGIN);
    for selector in [".canvas-bg", ".link-preview", ".band", "title"] {
        if let Ok(found) = copy.query_selector_all(selector) {
            for i in 0..found.length() {
                if let Some(Ok(el)) = found.item(i).map(|n| n.dyn_into::<Element>()) {
                    el.remove();
                }
            }
        }
    }
    if let Ok(Some(w)) = copy.query_selector("g.world") {
        let _ = w.remove_attribute("transform");
    }
    for name in ["class", "role", "aria-label", "data-zoom", "style"] {
        let _ = copy.remove_attribute(name);
    }
    let set = |name: &str, value: String| copy.set_attribute(name, &value);
    set("xmlns", "http://www.w3.org/2000/svg".into()).map_err(browser("write the SVG"))?;
    set("viewBox", format!("{x:.1} {y:.1} {width:.1} {height:.1}"))
        .map_err(browser("write the SVG"))?;
    set("width", format!("{width:.0}")).map_err(browser("write the SVG"))?;
    set("height", format!("{height:.0}")).map_err(browser("write the SVG"))?;
    let paper = document
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")
        .map_err(browser("write the SVG"))?;
    for (name, value) in [
        ("x", format!("{x:.1}")),
        ("y", format!("{y:.1}")),
        ("width", format!("{width:.1}")),
        ("height", format!("{height:.1}")),
        ("fill", background),
    ] {
        let _ = paper.set_attribute(name, &value);
    }
    let after_defs = copy
        .query_selector("defs")
        .ok()
        .flatten()
        .and_then(|d| d.next_sibling());
    copy.insert_before(&paper, after_defs.as_ref())
        .map_err(browser("write the SVG"))?;
    let serializer = web_sys::XmlSerializer::new().map_err(browser("write the SVG"))?;
    let text = serializer
        .serialize_to_string(&copy)
        .map_err(browser("write the SVG"))?;
    Ok(Svg {
        text: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        width,
        height,
    })
}

/// The colour behind the canvas: the first ancestor with one, else white.
fn background_of(window: &web_sys::Window, el: &Element) -> String {
    let mut at = Some(el.clone());
    while let Some(el) = at {
        if let Ok(Some(style)) = window.get_computed_style(&el) {
            let colour = style
                .get_property_value("background-color")
                .unwrap_or_default();
            if !colour.is_empty() && colour != "transparent" && colour != "rgba(0, 0, 0, 0)" {
                return colour;
            }
        }
        at = el.parent_element();
    }
    "#ffffff".into()
}

/// A deep copy of `live` with each element's computed style written in its
/// `style` attribute.
fn copy_with_styles(window: &web_sys::Window, live: &Element) -> Result<Element, PictureError> {
    let copy: Element = live
        .clone_node_with_deep(true)
        .map_err(browser("copy the canvas"))?
        .unchecked_into();
    let originals = live
        .query_selector_all("*")
        .map_err(browser("read the canvas"))?;
    let copies = copy
        .query_selector_all("*")
        .map_err(browser("read the canvas"))?;
    for i in 0..originals.length().min(copies.length()) {
        let (Some(Ok(original)), Some(Ok(target))) = (
            originals.item(i).map(|n| n.dyn_into::<Element>()),
            copies.item(i).map(|n| n.dyn_into::<Element>()),
        ) else {
            continue;
        };
        let Ok(Some(style)) = window.get_computed_style(&original) else {
            continue;
        };
        let svg = original.namespace_uri().as_deref() == Some("http://www.w3.org/2000/svg");
        let names: &[&str] = if svg && original.local_name() != "svg" {
            SVG_PROPERTIES
        } else {
            HTML_PROPERTIES
        };
        let mut inline = String::new();
        for name in names {
            let value = style.get_property_value(name).unwrap_or_default();
            if value.is_empty() {
                continue;
            }
            inline.push_str(name);
            inline.push(':');
            inline.push_str(&local_urls(&value));
            inline.push(';');
        }
        let _ = target.set_attribute("style", &inline);
    }
    Ok(copy)
}

/// `url("http://host/page#arrow")` as `url(#arrow)`: computed styles give
/// absolute addresses, and the file must point into itself.
fn local_urls(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("url(") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find(')') else {
            break;
        };
        let inside = &rest[start + 4..start + len];
        match inside
            .trim_matches(|c| c == '"' || c == '\'')
            .rsplit_once('#')
        {
            Some((_, id)) => {
                out.push_str("url(#");
                out.push_str(id);
                out.push(')');
            }
            None => out.push_str("none"),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The SVG drawn on an offscreen canvas, as PNG bytes in a blob.
pub async fn png(svg: &Svg) -> Result<Blob, PictureError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(PictureError::NoCanvas)?;
    let scale = PNG_SCALE.min(PNG_MAX_SIDE / svg.width.max(svg.height));
    let (w, h) = (
        (svg.width * scale).round().max(1.0),
        (svg.height * scale).round().max(1.0),
    );
    let image = HtmlImageElement::new().map_err(browser("make an image"))?;
    let loaded = Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&svg.text))
    );
    image.set_src(&url);
    JsFuture::from(loaded)
        .await
        .map_err(browser("read the SVG as an image"))?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(browser("make a canvas"))?
        .unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or(PictureError::Browser(en("draw on a canvas")))?
        .unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(browser("draw the SVG"))?;
    let mut failed = None;
    let encoded = Promise::new(&mut |resolve: Function, _reject| {
        if let Err(e) = canvas.to_blob_with_type(&resolve, "image/png") {
            failed = Some(e);
        }
    });
    if failed.is_some() {
        return Err(PictureError::Browser(en("encode the PNG")));
    }
    let blob = JsFuture::from(encoded)
        .await
        .map_err(browser("encode the PNG"))?;
    blob.dyn_into::<Blob>()
        .map_err(|_| PictureError::Browser(en("encode the PNG")))
}

#[cfg(test)]
mod tests {
    use super::local_urls;

    #[test]
    fn computed_urls_point_into_the_file() {
        assert_eq!(
            local_urls(r#"url("http://127.0.0.1:8080/editor/welcome#arrow-fail")"#),
            "url(#arrow-fail)"
        );
        assert_eq!(local_urls("url(#x) none"), "url(#x) none");
        assert_eq!(local_urls("rgb(1, 2, 3)"), "rgb(1, 2, 3)");
        assert_eq!(local_urls(r#"url("http://h/a.png")"#), "none");
    }
}
