//! Language: declared (`<html lang>`, `Content-Language`, `og:locale`, JSON-LD `inLanguage`),
//! else detected from the text with whatlang.

/// ISO 639-3 codes whatlang reports, with their ISO 639-1 form.
const ISO_639_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// Normalises a declared language to a BCP 47 tag (`en_us` → `en-US`), or `None` when it is
/// not one.
pub fn normalize(raw: &str) -> Option<String> {
    let first = raw.split([',', ';']).next()?.trim();
    let mut parts = first.split(['-', '_']);
    let lang = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = lang;
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        out.push('-');
        if p.len() == 2 {
            out.push_str(&p.to_ascii_uppercase());
        } else if p.len() == 4 {
            let mut cs = p.chars();
            if let Some(c) = cs.next() {
                out.push(c.to_ascii_uppercase());
                out.push_str(&cs.as_str().to_ascii_lowercase());
            }
        } else {
            out.push_str(p);
        }
    }
    Some(out)
}

/// The language of `text`, when whatlang is confident.
pub fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    if sample.split_whitespace().count() < 5 && sample.chars().count() < 40 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| (*two).to_string())
        .or_else(|| Some(code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags_are_normalized() {
        assert_eq!(normalize("en_us").as_deref(), Some("en-US"));
        assert_eq!(normalize("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(normalize("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize("de, en").as_deref(), Some("de"));
        assert_eq!(normalize("{{lang}}"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn undeclared_language_is_detected() {
        let fr = "Le projet de loi sur le renseignement a été massivement approuvé par les \
                  députés, malgré les critiques des associations de défense des libertés.";
        assert_eq!(detect(fr).as_deref(), Some("fr"));
        assert_eq!(detect("ok"), None);
    }
}
