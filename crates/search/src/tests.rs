//! Tests of the index through its public API, plus the text helpers they rely on.

use std::collections::BTreeSet;
use std::time::Instant;

use proptest::prelude::*;

use crate::{EnterpriseDoc, EnterpriseIndex, SearchError, SearchFilter, text};

fn doc(uscc: &str, name: &str, products: &str, niche: &str, region: &str) -> EnterpriseDoc {
    EnterpriseDoc {
        uscc: uscc.to_owned(),
        name: name.to_owned(),
        former_names: Vec::new(),
        main_products: products.to_owned(),
        niche_market: niche.to_owned(),
        region_code: region.to_owned(),
        ..EnterpriseDoc::default()
    }
}

/// A small registry in the style of the stack.md trial.
fn fixture() -> Vec<EnterpriseDoc> {
    vec![
        doc(
            "A",
            "聊城市钢铁集团有限公司",
            "钢材、铁矿石",
            "特种钢铁",
            "371502",
        ),
        doc(
            "B",
            "山东安全生产技术服务有限公司",
            "安全评价、培训",
            "安全咨询",
            "371521",
        ),
        doc("C", "临清纺织有限公司", "棉纱、坯布", "园区配套", "371581"),
        doc(
            "D",
            "冠县纺织工业园区管理有限公司",
            "厂房租赁",
            "产业园运营",
            "371525",
        ),
        doc(
            "E",
            "阳谷华泰化工有限公司",
            "橡胶助剂",
            "化工园区",
            "371521",
        ),
        doc("F", "茌平钢铁厂", "螺纹钢", "建筑用钢", "371523"),
    ]
}

fn index_with(docs: &[EnterpriseDoc]) -> EnterpriseIndex {
    let index = EnterpriseIndex::in_memory().unwrap();
    for d in docs {
        index.upsert(d).unwrap();
    }
    index.commit().unwrap();
    index
}

fn found(index: &EnterpriseIndex, query: &str) -> BTreeSet<String> {
    found_in(index, query, &[])
}

fn found_in(index: &EnterpriseIndex, query: &str, regions: &[&str]) -> BTreeSet<String> {
    let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
    index
        .search(query, &regions, 100)
        .unwrap()
        .into_iter()
        .map(|hit| hit.uscc)
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn a_two_character_word_finds_every_record_containing_it() {
    let index = index_with(&fixture());
    assert_eq!(found(&index, "钢铁"), set(&["A", "F"]));
}

#[test]
fn a_four_character_word_finds_its_record() {
    let index = index_with(&fixture());
    assert_eq!(found(&index, "安全生产"), set(&["B"]));
}

#[test]
fn a_multi_word_query_finds_records_with_both_words_even_in_different_fields() {
    let index = index_with(&fixture());
    // C has 纺织 in its name and 园区 in its niche; D has both in its name; E has only 园区.
    assert_eq!(found(&index, "纺织园区"), set(&["C", "D"]));
}

#[test]
fn a_substring_across_a_jieba_word_boundary_is_found() {
    let index = index_with(&fixture());
    // jieba makes 钢铁厂 one word, so the word 铁厂 never appears in the word field.
    assert_eq!(found(&index, "铁厂"), set(&["F"]));
    assert_eq!(found(&index, "钢铁厂"), set(&["F"]));
}

#[test]
fn an_exact_substring_in_the_name_ranks_first() {
    let index = index_with(&[
        doc("products", "临清机械有限公司", "钢铁铸件", "", "371581"),
        doc("name", "临清钢铁有限公司", "铸件", "", "371581"),
        doc("apart", "钢材贸易公司", "", "废铁回收", "371581"),
    ]);
    let hits = index.search("钢铁", &[], 10).unwrap();
    let order: Vec<&str> = hits.iter().map(|h| h.uscc.as_str()).collect();
    assert_eq!(order, ["name", "products"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn former_names_are_searched() {
    let mut renamed = doc("R", "聊城新材料科技有限公司", "", "", "371502");
    renamed.former_names = vec!["聊城塑料".to_owned(), "厂房租赁公司".to_owned()];
    let index = index_with(&[renamed]);
    assert_eq!(found(&index, "塑料"), set(&["R"]));
    assert_eq!(found(&index, "租赁"), set(&["R"]));
    // The former names are separate values: no substring spans the join between them.
    assert_eq!(found(&index, "料厂"), set(&[]));
}

#[test]
fn full_width_letters_and_case_are_folded() {
    let index = index_with(&[doc("X", "ＡＢＣ新材料公司", "3D打印", "", "371502")]);
    assert_eq!(found(&index, "abc"), set(&["X"]));
    assert_eq!(found(&index, "３ｄ打印"), set(&["X"]));
}

#[test]
fn every_part_of_a_query_with_spaces_must_match() {
    let index = index_with(&fixture());
    assert_eq!(found(&index, "钢铁 茌平"), set(&["F"]));
    assert_eq!(found(&index, "钢铁，聊城"), set(&["A"]));
}

#[test]
fn single_character_queries_are_refused() {
    let index = index_with(&fixture());
    for query in ["钢", "", "  ", "钢 铁", "，"] {
        let error = index.search(query, &[], 10).unwrap_err();
        assert!(
            matches!(error, SearchError::QueryTooShort { min_chars: 2 }),
            "{query:?} gave {error:?}"
        );
        assert_eq!(error.code(), "search_query_too_short");
    }
    // A one-character part beside a longer one is ignored rather than refused.
    assert_eq!(found(&index, "钢铁 厂"), set(&["A", "F"]));
}

#[test]
fn a_limit_of_zero_returns_nothing_and_a_huge_limit_is_harmless() {
    let index = index_with(&fixture());
    assert!(index.search("钢铁", &[], 0).unwrap().is_empty());
    assert_eq!(index.search("钢铁", &[], usize::MAX).unwrap().len(), 2);
    let empty = EnterpriseIndex::in_memory().unwrap();
    assert!(empty.search("钢铁", &[], 10).unwrap().is_empty());
}

#[test]
fn the_region_filter_keeps_the_subtrees_named() {
    let index = index_with(&fixture());
    assert_eq!(found_in(&index, "有限公司", &["371521"]), set(&["B", "E"]));
    assert_eq!(
        found_in(&index, "有限公司", &["371521", "371502"]),
        set(&["A", "B", "E"])
    );
    assert_eq!(
        found_in(&index, "有限公司", &["3715"]),
        set(&["A", "B", "C", "D", "E"])
    );
    assert_eq!(found_in(&index, "有限公司", &["3716"]), set(&[]));
    // An empty prefix is the root of every subtree.
    assert_eq!(found_in(&index, "钢铁", &[""]), set(&["A", "F"]));
    // Town codes below a county belong to its subtree.
    let index = index_with(&[doc("T", "钢铁厂", "", "", "371502001")]);
    assert_eq!(found_in(&index, "钢铁", &["371502"]), set(&["T"]));
}

fn classified(
    uscc: &str,
    industry: &str,
    size: Option<&str>,
    above: bool,
    status: &str,
) -> EnterpriseDoc {
    EnterpriseDoc {
        industry_code: industry.to_owned(),
        size_class: size.map(str::to_owned),
        above_size: above,
        status: status.to_owned(),
        ..doc(uscc, &format!("{uscc}钢铁有限公司"), "", "", "371521")
    }
}

fn found_with(index: &EnterpriseIndex, filter: &SearchFilter) -> BTreeSet<String> {
    let page = index.search_page("钢铁", filter, 0, 100).unwrap();
    assert_eq!(
        page.total,
        page.hits.len(),
        "the total counts the filtered hits"
    );
    page.hits.into_iter().map(|h| h.uscc).collect()
}

#[test]
fn industry_size_scale_and_status_filters_each_narrow_the_hits() {
    let index = index_with(&[
        classified("P", "C3831", Some("small"), true, "operating"),
        classified("Q", "C3512", Some("micro"), false, "operating"),
        classified("R", "C3839", None, false, "closed"),
    ]);
    let all = SearchFilter::default();
    assert_eq!(found_with(&index, &all), set(&["P", "Q", "R"]));
    let industry = |p: &str| SearchFilter {
        industry_prefix: Some(p.to_owned()),
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &industry("C38")), set(&["P", "R"]));
    assert_eq!(found_with(&index, &industry("C")), set(&["P", "Q", "R"]));
    assert_eq!(found_with(&index, &industry("C3512")), set(&["Q"]));
    assert_eq!(found_with(&index, &industry("C36")), set(&[]));
    let size = SearchFilter {
        size_class: Some("small".into()),
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &size), set(&["P"]));
    let below = SearchFilter {
        above_size: Some(false),
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &below), set(&["Q", "R"]));
    let closed_in_c38 = SearchFilter {
        status: Some("closed".into()),
        industry_prefix: Some("C38".into()),
        region_prefixes: vec!["3715".into()],
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &closed_in_c38), set(&["R"]));
    let elsewhere = SearchFilter {
        region_prefixes: vec!["371502".into()],
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &elsewhere), set(&[]));
    let within_scope = SearchFilter {
        region_prefixes: vec!["371502".into(), "371521".into()],
        region_within: Some("371521".into()),
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &within_scope), set(&["P", "Q", "R"]));
    let outside_scope = SearchFilter {
        region_prefixes: vec!["371502".into()],
        region_within: Some("371521".into()),
        ..SearchFilter::default()
    };
    assert_eq!(found_with(&index, &outside_scope), set(&[]));
}

#[test]
fn pages_cover_every_hit_once_in_rank_order_with_the_total() {
    let docs: Vec<EnterpriseDoc> = (0..57)
        .map(|i| {
            doc(
                &format!("U{i:02}"),
                &format!("第{i}钢铁厂"),
                "",
                "",
                "371521",
            )
        })
        .collect();
    let index = index_with(&docs);
    let filter = SearchFilter::default();
    let whole = index.search_page("钢铁", &filter, 0, 1000).unwrap();
    assert_eq!(whole.total, 57);
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = index.search_page("钢铁", &filter, offset, 10).unwrap();
        assert_eq!(page.total, 57, "every page tells the whole count");
        if page.hits.is_empty() {
            break;
        }
        offset += page.hits.len();
        paged.extend(page.hits);
    }
    assert_eq!(paged, whole.hits);
    let codes: BTreeSet<&str> = paged.iter().map(|h| h.uscc.as_str()).collect();
    assert_eq!(codes.len(), 57);
    let counted = index.search_page("钢铁", &filter, 0, 0).unwrap();
    assert!(counted.hits.is_empty());
    assert_eq!(counted.total, 57);
}

#[test]
fn an_upsert_replaces_the_earlier_version() {
    let index = index_with(&fixture());
    index
        .upsert(&doc("F", "茌平新材料有限公司", "", "", "371523"))
        .unwrap();
    // Twice before one commit: still one document.
    index
        .upsert(&doc("F", "茌平新材料有限公司", "铝材", "", "371523"))
        .unwrap();
    index.commit().unwrap();
    assert_eq!(index.doc_count(), 6);
    assert_eq!(found(&index, "钢铁"), set(&["A"]));
    assert_eq!(found(&index, "铝材"), set(&["F"]));
}

#[test]
fn a_deleted_enterprise_is_no_longer_found() {
    let index = index_with(&fixture());
    index.delete("A").unwrap();
    index.delete("no such code").unwrap();
    // Not visible before the commit.
    assert_eq!(found(&index, "钢铁"), set(&["A", "F"]));
    index.commit().unwrap();
    assert_eq!(found(&index, "钢铁"), set(&["F"]));
    assert_eq!(index.doc_count(), 5);
}

#[test]
fn a_rebuild_through_clear_replaces_everything_at_commit() {
    let index = index_with(&fixture());
    index
        .upsert(&doc("stray", "钢铁贸易", "", "", "371502"))
        .unwrap();
    index.clear().unwrap();
    index
        .upsert(&doc("N", "聊城钢铁新厂", "", "", "371502"))
        .unwrap();
    // Searches see the old contents until the rebuild is committed.
    assert_eq!(found(&index, "钢铁"), set(&["A", "F"]));
    index.commit().unwrap();
    assert_eq!(found(&index, "钢铁"), set(&["N"]));
    assert_eq!(index.doc_count(), 1);
}

#[test]
fn a_directory_index_survives_a_reopen_with_its_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    {
        let index = EnterpriseIndex::open(&path).unwrap();
        assert_eq!(index.source_stamp().unwrap(), None);
        for d in fixture() {
            index.upsert(&d).unwrap();
        }
        index.set_source_stamp(42);
        index.commit().unwrap();
    }
    let index = EnterpriseIndex::open(&path).unwrap();
    assert_eq!(index.doc_count(), 6);
    assert_eq!(index.source_stamp().unwrap(), Some(42));
    assert_eq!(found(&index, "铁厂"), set(&["F"]));
}

#[test]
fn a_second_writer_on_one_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = EnterpriseIndex::open(dir.path()).unwrap();
    let second = EnterpriseIndex::open(dir.path());
    assert!(matches!(second, Err(SearchError::Locked)), "{second:?}");
}

#[test]
fn the_stamp_is_written_at_commit_and_kept_by_later_commits() {
    let index = EnterpriseIndex::in_memory().unwrap();
    assert_eq!(index.source_stamp().unwrap(), None);
    index.set_source_stamp(7);
    assert_eq!(index.source_stamp().unwrap(), None);
    index.commit().unwrap();
    assert_eq!(index.source_stamp().unwrap(), Some(7));
    index.upsert(&fixture()[0]).unwrap();
    index.commit().unwrap();
    assert_eq!(index.source_stamp().unwrap(), Some(7));
    index.set_source_stamp(u64::MAX);
    index.commit().unwrap();
    assert_eq!(index.source_stamp().unwrap(), Some(u64::MAX));
}

#[test]
fn concurrent_writers_leave_one_document_per_enterprise() {
    let index = EnterpriseIndex::in_memory().unwrap();
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let index = &index;
            scope.spawn(move || {
                for i in 0..50 {
                    let name = format!("钢铁厂{worker}号");
                    index
                        .upsert(&doc(&format!("E{i}"), &name, "", "", "371502"))
                        .unwrap();
                    if i % 10 == 0 {
                        index.commit().unwrap();
                    }
                }
            });
        }
    });
    index.commit().unwrap();
    assert_eq!(index.doc_count(), 50);
    assert_eq!(
        index.search("铁厂", &[], 100).unwrap().len(),
        50,
        "every enterprise once"
    );
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<EnterpriseIndex>();
}

#[test]
fn query_words_keep_the_meaning_of_the_query() {
    assert_eq!(text::query_words("纺织园区"), ["纺织", "园区"]);
    assert_eq!(text::query_words("钢铁和纺织"), ["钢铁", "纺织"]);
    // A trailing single character stays glued to its word instead of being dropped.
    assert!(text::query_words("钢铁厂").iter().all(|w| w.contains('厂')));
}

#[test]
fn bigrams_do_not_bridge_punctuation_or_spaces() {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut tokenizer = text::BigramTokenizer;
    let mut stream = tokenizer.token_stream("钢铁厂 a，bc");
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push((token.text.clone(), token.position));
    }
    assert_eq!(
        tokens,
        [
            ("钢铁".to_owned(), 0),
            ("铁厂".to_owned(), 1),
            ("bc".to_owned(), 6)
        ]
    );
}

/// Characters that jieba combines into many different words, so segmentation varies.
const CHARSET: &[char] = &[
    '钢', '铁', '厂', '纺', '织', '园', '区', '安', '全', '生', '产', '山', '东', '新', '材', '料',
];

fn chinese_name() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARSET), 2..12)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_substring_of_two_to_four_characters_finds_its_record(
        names in proptest::collection::vec(chinese_name(), 1..6)
    ) {
        let docs: Vec<EnterpriseDoc> = names
            .iter()
            .enumerate()
            .map(|(i, name)| doc(&format!("U{i}"), name, "", "", "371502"))
            .collect();
        let index = index_with(&docs);
        for d in &docs {
            let chars: Vec<char> = d.name.chars().collect();
            for len in 2..=4 {
                for window in chars.windows(len) {
                    let query: String = window.iter().collect();
                    let hits = found(&index, &query);
                    prop_assert!(
                        hits.contains(&d.uscc),
                        "{query} missed {} ({}), got {hits:?}", d.uscc, d.name
                    );
                }
            }
        }
    }
}

/// Times indexing 100,000 generated enterprises and a two-character query; run with
/// `cargo test --release -p search -- --ignored timing --nocapture`.
#[test]
#[ignore = "a timing run, not a check: use a release build"]
fn timing() {
    const PLACES: &[&str] = &[
        "聊城",
        "临清",
        "东昌府",
        "茌平",
        "阳谷",
        "莘县",
        "东阿",
        "冠县",
        "高唐",
    ];
    const CORE: &[char] = &[
        '华', '泰', '鲁', '信', '恒', '通', '祥', '瑞', '德', '鑫', '源', '丰', '盛', '宏', '金',
        '安', '凯', '达', '中', '东',
    ];
    const TRADES: &[(&str, &str, &str)] = &[
        ("钢铁", "钢材、螺纹钢", "特种钢材"),
        ("纺织", "棉纱、坯布", "高支纱线"),
        ("化工", "橡胶助剂", "精细化工"),
        ("机械", "轴承、齿轮", "精密传动"),
        ("食品", "熟食、饮料", "肉制品深加工"),
        ("新材料", "碳纤维", "复合材料"),
        ("电子", "线缆、传感器", "汽车电子"),
        ("农业科技", "种子、化肥", "现代农业"),
    ];
    const SUFFIXES: &[&str] = &["有限公司", "集团有限公司", "股份有限公司", "厂"];
    const REGIONS: &[&str] = &[
        "371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581",
    ];

    // A fixed linear congruential sequence: the same registry on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let docs: Vec<EnterpriseDoc> = (0..100_000)
        .map(|i| {
            let (trade, products, niche) = TRADES[next(TRADES.len())];
            let core: String = (0..2).map(|_| CORE[next(CORE.len())]).collect();
            let name = format!(
                "{}{core}{trade}{}",
                PLACES[next(PLACES.len())],
                SUFFIXES[next(SUFFIXES.len())]
            );
            doc(
                &format!("9137150{i:011}"),
                &name,
                products,
                niche,
                REGIONS[next(REGIONS.len())],
            )
        })
        .collect();

    let index = EnterpriseIndex::in_memory().unwrap();
    let started = Instant::now();
    for d in &docs {
        index.upsert(d).unwrap();
    }
    index.commit().unwrap();
    let indexing = started.elapsed();
    println!("indexed {} enterprises in {indexing:?}", index.doc_count());

    for query in ["钢铁", "铁厂", "纺织园区", "华泰化工"] {
        // The first search also warms jieba's dictionary and the segment caches.
        index.search(query, &[], 20).unwrap();
        let runs: u32 = 200;
        let started = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            hits = index.search(query, &[], 20).unwrap().len();
        }
        let each = started.elapsed() / runs;
        let regions = ["371521".to_owned()];
        let started = Instant::now();
        for _ in 0..runs {
            index.search(query, &regions, 20).unwrap();
        }
        let filtered = started.elapsed() / runs;
        println!("{query}: {hits} hits, {each:?} a search, {filtered:?} filtered to one county");
    }
}
