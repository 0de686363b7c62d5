//! Reading a named input (`-` is standard input) with the size limit
//! applied while reading, so `/dev/zero` or an endless pipe is refused
//! instead of filling memory.

use std::fs::File;
use std::io::{self, Read};

use flowlab_engine::scenario::{file_text, parse_scenario, FileError, Scenario, MAX_FILE_BYTES};

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{name}: cannot read: {source}")]
    Io { name: String, source: io::Error },
    #[error("{name}: over the limit of {MAX_FILE_BYTES} bytes; nothing was read past it")]
    TooLarge { name: String },
    #[error("{0}")]
    File(#[from] FileError),
}

/// The name a file is reported under: `-` reads as `<stdin>`.
pub fn display_name(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

pub fn read_bytes(name: &str) -> Result<Vec<u8>, InputError> {
    let shown = display_name(name);
    let io_error = |source| InputError::Io {
        name: shown.to_owned(),
        source,
    };
    let reader: Box<dyn Read> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = File::open(name).map_err(io_error)?;
        let meta = file.metadata().map_err(io_error)?;
        if meta.is_dir() {
            return Err(io_error(io::Error::other("it is a directory")));
        }
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(InputError::TooLarge {
                name: shown.to_owned(),
            });
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            name: shown.to_owned(),
        });
    }
    Ok(bytes)
}

pub fn load_scenario(name: &str) -> Result<Scenario, InputError> {
    let shown = display_name(name);
    let bytes = read_bytes(name)?;
    let text = file_text(shown, &bytes)?;
    Ok(parse_scenario(shown, text)?)
}
