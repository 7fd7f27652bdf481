use super::*;

mod edges;
mod evaluator;
mod props;
