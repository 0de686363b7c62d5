//! Standard output that knows when its reader has gone: a closed pipe
//! (`flowlab-sim run f.json | head`) ends the program quietly with exit
//! code 0 instead of a panic or a run to the end.

use std::fmt;
use std::io::{self, BufWriter, StdoutLock, Write};

/// Standard output was closed, or failed in a way worth reporting.
#[derive(Debug)]
pub enum Stop {
    Closed,
    Failed(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(e)
        }
    }
}

pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    pub fn new() -> Out {
        Out(BufWriter::with_capacity(1 << 16, io::stdout().lock()))
    }

    pub fn line(&mut self, args: fmt::Arguments) -> Result<(), Stop> {
        self.0.write_fmt(args)?;
        self.0.write_all(b"\n")?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), Stop> {
        Ok(self.0.flush()?)
    }
}

/// `writeln!` for [`Out`]: `say!(out, "...")?`.
#[macro_export]
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        $out.line(format_args!($($arg)*))
    };
}
