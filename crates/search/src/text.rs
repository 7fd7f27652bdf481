//! Text handling shared by indexing and querying: normalisation, the two tokenizers, and the
//! splitting of a query into parts and words.
//!
//! Indexing and querying must see text the same way, or the exact-substring guarantee breaks;
//! that is why everything that turns text into terms lives in this one module.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy_jieba::JiebaTokenizer;

/// The name under which [`WordTokenizer`] is registered on the index.
pub(crate) const WORDS: &str = "strongcity_jieba";
/// The name under which [`BigramTokenizer`] is registered on the index.
pub(crate) const BIGRAMS: &str = "strongcity_bigram";

/// Folds the forms of a character that users consider the same, one character at a time.
///
/// Full-width ASCII (`ＡＢＣ１２３`, common in Chinese documents) becomes half-width, the
/// ideographic space becomes a space, and letters are lower-cased. Because each character is
/// mapped on its own, a substring of a text stays a substring after normalisation, which the
/// recall guarantee relies on.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// Letters (Chinese characters included) and digits are searchable; everything else separates.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The runs of word characters in a normalised text, in order.
pub(crate) fn parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|part| !part.is_empty())
}

/// The character bigrams of one run of word characters, in order (none for one character).
pub(crate) fn bigrams(part: &str) -> Vec<String> {
    let chars: Vec<char> = part.chars().collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// Single characters that join words rather than carry meaning; a query part split around them
/// asks for the words on each side (`钢铁和纺织` → `钢铁`, `纺织`).
const JOINERS: &[char] = &['和', '与', '及', '或', '的', '之', '等', '并', '跟', '同'];

/// The words jieba finds in a query part (default mode: whole words, not the overlapping search
/// mode), as the user meant them.
///
/// A word must have two characters or more, since a single character cannot be matched exactly.
/// A joining character (`和`, `的`, ...) is dropped; any other single character is kept glued to
/// the word before it (or after it, at the start), so that `钢铁厂`, segmented `钢铁` + `厂`,
/// still asks for `钢铁厂` and not for every record that mentions `钢铁`.
pub(crate) fn query_words(part: &str) -> Vec<String> {
    let mut tokenizer = JiebaTokenizer::with_search_mode(false);
    let mut stream = tokenizer.token_stream(part);
    let mut words: Vec<String> = Vec::new();
    // Whether the last pushed word ends right where the current token starts.
    let mut adjacent = false;
    // Single characters waiting to be glued to the front of the next word.
    let mut pending = String::new();
    while let Some(token) = stream.next() {
        let token = token.text.as_str();
        let mut chars = token.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        match single {
            Some(c) if JOINERS.contains(&c) => {
                adjacent = false;
                pending.clear();
            }
            Some(_) if adjacent => {
                if let Some(last) = words.last_mut() {
                    last.push_str(token);
                }
            }
            Some(_) => pending.push_str(token),
            None => {
                words.push(format!("{pending}{token}"));
                pending.clear();
                adjacent = true;
            }
        }
    }
    if !pending.is_empty() {
        // Characters after a joiner with no word to follow: they belong to the last word only
        // if nothing separates them, otherwise they stand alone (and are too short to count).
        words.push(pending);
    }
    let mut unique: Vec<String> = Vec::new();
    for word in words {
        if word.chars().count() >= 2 && !unique.contains(&word) {
            unique.push(word);
        }
    }
    unique
}

/// jieba in search mode (words and the shorter words inside them), without the tokens that are
/// only punctuation or spaces, which would otherwise become useless terms.
#[derive(Clone, Default)]
pub(crate) struct WordTokenizer {
    inner: JiebaTokenizer,
}

/// The token stream of [`WordTokenizer`].
pub(crate) struct WordStream<'a> {
    inner: tantivy_jieba::JiebaTokenStream<'a>,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            inner: self.inner.token_stream(text),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            if self.inner.token().text.chars().any(is_word_char) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// Overlapping character bigrams inside each run of word characters, positioned by character
/// index, so a phrase of consecutive bigrams matches exactly where the text contains the
/// characters in a row.
///
/// `钢铁厂` gives `钢铁`@0 and `铁厂`@1. Runs are not bridged: `钢铁 厂` gives only `钢铁`.
#[derive(Clone, Default)]
pub(crate) struct BigramTokenizer;

/// The token stream of [`BigramTokenizer`].
pub(crate) struct BigramStream<'a> {
    text: &'a str,
    /// Byte offset and character of every character of the text.
    chars: Vec<(usize, char)>,
    /// Index in `chars` of the first character of the next bigram to consider.
    next: usize,
    token: Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream {
            text,
            chars: text.char_indices().collect(),
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        while self.next + 1 < self.chars.len() {
            let i = self.next;
            self.next += 1;
            let (start, first) = self.chars[i];
            let (second_start, second) = self.chars[i + 1];
            if !is_word_char(first) || !is_word_char(second) {
                continue;
            }
            let end = second_start + second.len_utf8();
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = i;
            self.token.position_length = 1;
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
