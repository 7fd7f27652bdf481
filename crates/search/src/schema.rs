//! The index schema: which fields exist and how each is tokenized.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::text;

/// One searchable text of an enterprise, indexed twice: as jieba words for word-level
/// relevance and as character bigrams for exact substrings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextField {
    /// jieba words; frequencies only, since words are matched one by one.
    pub words: Field,
    /// Character bigrams with positions, since substrings are matched as phrases.
    pub bigrams: Field,
    /// How much a match here counts against the other texts.
    pub weight: f32,
}

/// The fields of the index.
#[derive(Clone, Debug)]
pub(crate) struct Fields {
    /// The 统一社会信用代码: the key for replacing and deleting, and the one value read back
    /// (from its fast column: reading a page of hits touches no document store block).
    pub uscc: Field,
    /// Every prefix of the region code, so a subtree filter is a single term lookup.
    pub region_prefix: Field,
    /// Every prefix of the GB/T 4754 industry code (`C`, `C3`, `C38`, …), likewise.
    pub industry_prefix: Field,
    /// The size class code (`large`, `medium`, `small`, `micro`), absent when not derived.
    pub size_class: Field,
    /// `1` for an above-designated-size (规上) enterprise, `0` otherwise.
    pub above_size: Field,
    /// The status code (`operating`, `closed`, `moved`).
    pub status: Field,
    /// Name, former names, main products, niche market; names first and heaviest.
    pub texts: [TextField; 4],
}

/// The current name weighs most: it is what people type. Former names come next (people still
/// use them), and products and niche market describe rather than identify.
const NAME_WEIGHT: f32 = 3.0;
const FORMER_NAME_WEIGHT: f32 = 2.0;
const PRODUCTS_WEIGHT: f32 = 1.0;
const NICHE_WEIGHT: f32 = 1.0;

impl Fields {
    /// Builds the schema and the handles to its fields.
    pub(crate) fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let uscc = builder.add_text_field("uscc", STRING | STORED | FAST);
        let region_prefix = builder.add_text_field("region_prefix", STRING);
        let industry_prefix = builder.add_text_field("industry_prefix", STRING);
        let size_class = builder.add_text_field("size_class", STRING);
        let above_size = builder.add_text_field("above_size", STRING);
        let status = builder.add_text_field("status", STRING);
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::WORDS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let bigrams = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::BIGRAMS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut text_field = |name: &str, weight: f32| TextField {
            words: builder.add_text_field(&format!("{name}_words"), words.clone()),
            bigrams: builder.add_text_field(&format!("{name}_bigrams"), bigrams.clone()),
            weight,
        };
        let texts = [
            text_field("name", NAME_WEIGHT),
            text_field("former_names", FORMER_NAME_WEIGHT),
            text_field("main_products", PRODUCTS_WEIGHT),
            text_field("niche_market", NICHE_WEIGHT),
        ];
        let fields = Fields {
            uscc,
            region_prefix,
            industry_prefix,
            size_class,
            above_size,
            status,
            texts,
        };
        (builder.build(), fields)
    }
}
