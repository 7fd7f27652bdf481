//! Prints the registry's data dictionary as Markdown: `cargo run -p app --example data_dictionary > docs/data-dictionary.md`.

fn main() {
    print!("{}", app::enterprise::fields::dictionary_markdown());
}
