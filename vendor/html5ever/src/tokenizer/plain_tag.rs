// nutgraf: reads a plain tag in one scan (see vendor/README.md).
//
// Most tags of a page are plain: an ASCII name, attributes with ASCII names and values without
// character references, CRs or NULs, quoted values followed by white space, `/` or `>`. For
// such a tag the tag-open, tag-name, attribute-name and attribute-value states do nothing but
// append characters and switch to the next state, one step and one input character at a time.
// `scan` reads the tag at once from the front chunk; anything else (a character that one of
// those states treats otherwise, a tag that runs past the chunk, more than `MAX_ATTRS`
// attributes) returns `None`, and the tag is read by the states as before.

/// Most attributes of a tag read at once.
pub(super) const MAX_ATTRS: usize = 32;

/// An attribute's name bytes and value bytes (an empty range for no value).
pub(super) type Attr = ((u32, u32), (u32, u32));

/// Where the parts of a plain tag lie in the bytes after its `<` (its attributes are in the
/// list given to `scan`).
pub(super) struct PlainTag {
    /// An end tag (`</name`).
    pub(super) end: bool,
    /// The name's bytes.
    pub(super) name: (u32, u32),
    pub(super) self_closing: bool,
    /// The bytes the tag takes, up to and with its `>`.
    pub(super) len: u32,
    /// Line feeds inside the tag.
    pub(super) newlines: u64,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// A byte of a name that the name states only append (after lowercasing).
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'/' | b'>' | b'=' | b'"' | b'\'' | b'<')
}

/// The plain tag at the start of `b` (the bytes after a `<`), if it is one, with its
/// attributes in `attrs` (cleared first).
pub(super) fn scan(b: &[u8], attrs: &mut Vec<Attr>) -> Option<PlainTag> {
    attrs.clear();
    let mut t = PlainTag {
        end: false,
        name: (0, 0),
        self_closing: false,
        len: 0,
        newlines: 0,
    };
    let mut i = 0;
    if b.first() == Some(&b'/') {
        t.end = true;
        i = 1;
    }
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let start = i;
    while is_name_byte(*b.get(i)?) {
        i += 1;
    }
    t.name = (start as u32, i as u32);
    loop {
        while is_space(*b.get(i)?) {
            t.newlines += u64::from(b[i] == b'\n');
            i += 1;
        }
        match *b.get(i)? {
            b'>' => {
                i += 1;
                break;
            },
            b'/' => {
                if *b.get(i + 1)? != b'>' {
                    return None;
                }
                t.self_closing = true;
                i += 2;
                break;
            },
            c if is_name_byte(c) => {},
            _ => return None,
        }
        if attrs.len() == MAX_ATTRS {
            return None;
        }
        let name_start = i;
        while is_name_byte(*b.get(i)?) {
            i += 1;
        }
        let name = (name_start as u32, i as u32);
        while is_space(*b.get(i)?) {
            t.newlines += u64::from(b[i] == b'\n');
            i += 1;
        }
        let mut value = (i as u32, i as u32);
        if *b.get(i)? == b'=' {
            i += 1;
            while is_space(*b.get(i)?) {
                t.newlines += u64::from(b[i] == b'\n');
                i += 1;
            }
            match *b.get(i)? {
                quote @ (b'"' | b'\'') => {
                    i += 1;
                    let value_start = i;
                    // The value runs to the closing quote, with no `&`, CR or NUL on the way.
                    let rest = b.get(i..)?;
                    let end = memchr::memchr3(quote, b'&', b'\r', rest)?;
                    let v = rest.get(..end)?;
                    if rest.get(end) != Some(&quote) {
                        return None;
                    }
                    // One scan looks for both NULs and line feeds; most values have neither.
                    if let Some(at) = memchr::memchr2(b'\n', b'\0', v) {
                        let tail = v.get(at..)?;
                        if memchr::memchr(b'\0', tail).is_some() {
                            return None;
                        }
                        t.newlines += memchr::memchr_iter(b'\n', tail).count() as u64;
                    }
                    i += end;
                    value = (value_start as u32, i as u32);
                    i += 1;
                    // After a quoted value: white space, `/` or `>`.
                    if !matches!(*b.get(i)?, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>') {
                        return None;
                    }
                },
                b'>' => return None,
                _ => {
                    let value_start = i;
                    loop {
                        match *b.get(i)? {
                            b'\t' | b'\n' | b'\x0C' | b' ' | b'>' => break,
                            b'"' | b'\'' | b'<' | b'=' | b'`' | b'&' | b'\0' | b'\r' => {
                                return None
                            },
                            _ => i += 1,
                        }
                    }
                    value = (value_start as u32, i as u32);
                },
            }
        }
        attrs.push((name, value));
    }
    t.len = u32::try_from(i).ok()?;
    Some(t)
}
