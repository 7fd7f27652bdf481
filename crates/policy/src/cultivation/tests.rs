use super::*;

mod edges;
mod evaluator;
mod props;
mod re_review;
