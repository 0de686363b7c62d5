//! CSV as RFC 4180 writes it: a header row, records ended by CRLF, and a
//! field quoted when it holds a comma, a double quote, CR or LF (its quotes
//! doubled). The exports of the Runs screen build their text here.

use std::borrow::Cow;

/// A table to write: the header's names, then rows of as many fields.
pub struct Csv {
    text: String,
    width: usize,
}

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        let mut csv = Csv {
            text: String::new(),
            width: header.len(),
        };
        csv.push_fields(header.iter().copied());
        csv
    }

    /// Adds one record. A row of another width than the header is a bug of
    /// the caller, so it panics in tests and debug builds.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        debug_assert_eq!(fields.len(), self.width, "a CSV row has the header's width");
        self.push_fields(fields.iter().map(AsRef::as_ref));
    }

    fn push_fields<'a>(&mut self, fields: impl Iterator<Item = &'a str>) {
        for (i, f) in fields.enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push_str(&field(f));
        }
        self.text.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// One field, quoted only when it has to be.
pub fn field(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

/// Reads RFC 4180 text back, so tests check what a reader gets.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cur.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cur)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR only before LF");
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cur.push(c),
        }
    }
    assert!(cur.is_empty() && row.is_empty(), "the text ends with CRLF");
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(field("welcome"), "welcome");
        assert_eq!(field(""), "");
        assert_eq!(field("Day 0 · 01:00"), "Day 0 · 01:00");
        assert!(matches!(field("e12"), Cow::Borrowed(_)));
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(field("\""), "\"\"\"\"");
    }

    #[test]
    fn a_table_has_its_header_then_crlf_records() {
        let mut csv = Csv::new(&["id", "name"]);
        csv.row(&["e1", "Ada"]);
        csv.row(&[String::from("e2"), String::from("Lovelace, \"Ada\"\n2nd")]);
        let text = csv.finish();
        assert_eq!(
            text,
            "id,name\r\ne1,Ada\r\ne2,\"Lovelace, \"\"Ada\"\"\n2nd\"\r\n"
        );
        assert_eq!(
            parse(&text),
            vec![
                vec!["id", "name"],
                vec!["e1", "Ada"],
                vec!["e2", "Lovelace, \"Ada\"\n2nd"],
            ]
        );
    }

    #[test]
    fn a_header_alone_is_one_record() {
        assert_eq!(Csv::new(&["a", "b,c"]).finish(), "a,\"b,c\"\r\n");
    }

    #[test]
    #[should_panic(expected = "header's width")]
    fn a_row_of_another_width_is_refused() {
        Csv::new(&["a", "b"]).row(&["only one"]);
    }
}
