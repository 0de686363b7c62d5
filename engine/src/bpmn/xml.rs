//! A small XML writer: elements with attributes, children or text.

#[derive(Clone, Debug)]
pub struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Tag>,
    text: Option<String>,
}

impl Tag {
    pub fn new(name: &str) -> Tag {
        Tag {
            name: name.to_owned(),
            attrs: Vec::new(),
            children: Vec::new(),
            text: None,
        }
    }

    pub fn attr(mut self, key: &str, value: impl Into<String>) -> Tag {
        self.attrs.push((key.to_owned(), value.into()));
        self
    }

    pub fn opt_attr(self, key: &str, value: Option<impl Into<String>>) -> Tag {
        match value {
            Some(v) => self.attr(key, v),
            None => self,
        }
    }

    pub fn child(mut self, child: Tag) -> Tag {
        self.children.push(child);
        self
    }

    pub fn opt_child(self, child: Option<Tag>) -> Tag {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    pub fn get_attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn push(&mut self, child: Tag) {
        self.children.push(child);
    }

    pub fn text(mut self, text: impl Into<String>) -> Tag {
        self.text = Some(text.into());
        self
    }

    pub fn render(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        out.push_str(&indent);
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        match (&self.text, self.children.is_empty()) {
            (None, true) => out.push_str(" />\n"),
            (Some(text), _) => {
                out.push('>');
                out.push_str(&escape(text));
                out.push_str(&format!("</{}>\n", self.name));
            }
            (None, false) => {
                out.push_str(">\n");
                for c in &self.children {
                    c.write(out, depth + 1);
                }
                out.push_str(&format!("{indent}</{}>\n", self.name));
            }
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}
