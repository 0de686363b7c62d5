//! Bytes in and out: LEB128 varints, length-prefixed strings, and JSON for
//! the rare free-form values.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use super::CodecError;

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    pub fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    pub fn json(&mut self, v: &Value) {
        self.str(&v.to_string());
    }

    /// `value` as length-prefixed JSON text, serialized straight from it.
    pub fn serialized<T: Serialize + ?Sized>(&mut self, value: &T) {
        let text = serde_json::to_vec(value)
            .expect("the snapshot's JSON parts have string keys and nothing that can fail");
        self.var(text.len() as u64);
        self.bytes.extend_from_slice(&text);
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn truncated(&self) -> CodecError {
        CodecError::Truncated { at: self.pos }
    }

    pub fn u8(&mut self) -> Result<u8, CodecError> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| self.truncated())?;
        self.pos += 1;
        Ok(b)
    }

    pub fn var(&mut self) -> Result<u64, CodecError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(CodecError::Malformed {
            at: self.pos,
            what: "varint longer than 64 bits",
        })
    }

    pub fn var32(&mut self) -> Result<u32, CodecError> {
        let at = self.pos;
        u32::try_from(self.var()?).map_err(|_| CodecError::Malformed {
            at,
            what: "number out of range",
        })
    }

    pub fn var16(&mut self) -> Result<u16, CodecError> {
        let at = self.pos;
        u16::try_from(self.var()?).map_err(|_| CodecError::Malformed {
            at,
            what: "number out of range",
        })
    }

    pub fn str(&mut self) -> Result<&'a str, CodecError> {
        let len = self.var()? as usize;
        let end = self
            .pos
            .checked_add(len)
            .filter(|e| *e <= self.bytes.len())
            .ok_or_else(|| self.truncated())?;
        let s =
            std::str::from_utf8(&self.bytes[self.pos..end]).map_err(|_| CodecError::Malformed {
                at: self.pos,
                what: "invalid UTF-8",
            })?;
        self.pos = end;
        Ok(s)
    }

    pub fn opt_str(&mut self) -> Result<Option<&'a str>, CodecError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(CodecError::Malformed {
                at: self.pos,
                what: "option flag",
            }),
        }
    }

    pub fn json(&mut self) -> Result<Value, CodecError> {
        let at = self.pos;
        serde_json::from_str(self.str()?).map_err(|_| CodecError::Malformed {
            at,
            what: "embedded JSON",
        })
    }

    /// Length-prefixed JSON text, deserialized straight into a `T`.
    pub fn deserialized<T: DeserializeOwned>(
        &mut self,
        what: &'static str,
    ) -> Result<T, CodecError> {
        let at = self.pos;
        serde_json::from_str(self.str()?).map_err(|_| CodecError::Malformed { at, what })
    }

    pub fn position(&self) -> usize {
        self.pos
    }
}
