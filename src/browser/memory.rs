//! The size of the page's wasm linear memory, for `make bench-page`
//! (`window.wasmBindings.wasm_memory_bytes()`); never shown in the app.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
