use super::*;

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn tokens_are_hex_of_a_sensible_length() {
    assert!(valid_token(TOKEN));
    assert!(!valid_token("0123456789abcde"), "15 digits is too short");
    assert!(!valid_token(&"a".repeat(65)));
    assert!(
        !valid_token("0123456789ABCDEF"),
        "upper case is not what the page makes"
    );
    assert!(!valid_token("../../etc/passwd00"));
}

#[test]
fn a_stage_is_seen_by_its_user_only_and_only_while_the_import_runs() {
    let board = ImportBoard::default();
    assert!(board.enter(1, "bad").is_none());
    let entry = board.enter(1, TOKEN).unwrap();
    entry.report(ImportStage::Checking {
        done: 500,
        total: 1000,
    });
    assert_eq!(
        board.stage(1, TOKEN),
        Some(ImportStage::Checking {
            done: 500,
            total: 1000
        })
    );
    assert_eq!(
        board.stage(2, TOKEN),
        None,
        "another user's import is not theirs to see"
    );
    entry.report(ImportStage::Writing { total: 1000 });
    assert_eq!(
        board.stage(1, TOKEN),
        Some(ImportStage::Writing { total: 1000 })
    );
    drop(entry);
    assert_eq!(board.stage(1, TOKEN), None);
}
