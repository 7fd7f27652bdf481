//! The message catalogue: every user-visible string, in Simplified Chinese and English.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    Zh,
    /// English, on request.
    En,
}

impl Lang {
    /// Reads a language tag (`en`, `zh-CN`, `zh`); anything else is the default.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The tag for `lang=` attributes and the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language (for the switch in the header).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

const ZH: &str = include_str!("../locales/zh-CN.toml");
const EN: &str = include_str!("../locales/en.toml");

type Catalog = HashMap<String, String>;

fn parse(text: &str) -> Catalog {
    toml::from_str::<HashMap<String, String>>(text).unwrap_or_default()
}

fn catalogs() -> &'static (Catalog, Catalog) {
    static C: OnceLock<(Catalog, Catalog)> = OnceLock::new();
    C.get_or_init(|| (parse(ZH), parse(EN)))
}

/// A translator for one language, handed to every template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The message for `key`; the key itself when the catalogue lacks it (a test keeps that
    /// from shipping).
    pub fn get(&self, key: &str) -> String {
        let (zh, en) = catalogs();
        let cat = match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        };
        cat.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The message for `key` with `{name}` placeholders filled in.
    pub fn fmt(&self, key: &str, params: &[(&str, &str)]) -> String {
        let mut s = self.get(key);
        for (k, v) in params {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// The message for `key` with owned parameters (as errors carry them).
    pub fn fmt_owned(&self, key: &str, params: &[(String, String)]) -> String {
        let p: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.fmt(key, &p)
    }

    /// Whether the catalogue has `key`.
    pub fn has(&self, key: &str) -> bool {
        let (zh, en) = catalogs();
        match self.lang {
            Lang::Zh => zh.contains_key(key),
            Lang::En => en.contains_key(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        let zh = parse(ZH);
        let en = parse(EN);
        assert!(zh.len() > 100, "zh catalogue parsed: {}", zh.len());
        let mut a: Vec<_> = zh.keys().collect();
        let mut b: Vec<_> = en.keys().collect();
        a.sort();
        b.sort();
        let only_zh: Vec<_> = a.iter().filter(|k| !en.contains_key(**k)).collect();
        let only_en: Vec<_> = b.iter().filter(|k| !zh.contains_key(**k)).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "zh only: {only_zh:?}; en only: {only_en:?}"
        );
    }

    #[test]
    fn fills_placeholders() {
        let t = Tr::new(Lang::Zh);
        assert_eq!(
            t.fmt("uscc.check", &[("expected", "3")]),
            "统一社会信用代码校验位错误，应为 3"
        );
        assert_eq!(Tr::new(Lang::En).get("nav.home"), "Home");
    }
}
